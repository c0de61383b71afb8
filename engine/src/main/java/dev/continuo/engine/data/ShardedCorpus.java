package dev.continuo.engine.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.engine.files.AtomicFiles;
import dev.continuo.engine.files.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A prepared corpus: a folder of {@link CorpusShard} files and the manifest {@value #MANIFEST} that lists them in
 * order with their sizes, and the files that were skipped with their reasons. Its examples come in the source's
 * name order, each marked held out or not as {@link MidiFolderDataset} marks them, so that {@code train} on the
 * prepared corpus sees exactly what it would see on the folder itself.
 */
public final class ShardedCorpus {

    /** The manifest's file name; a folder holding it is a prepared corpus. */
    public static final String MANIFEST = "corpus.json";
    private static final int FORMAT = 1;
    private static final long MAX_MANIFEST_BYTES = 256L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The manifest.
     *
     * @param format     the format version, {@value #FORMAT}
     * @param sourceName the source folder's last name, for the data description
     * @param shards     the shard files in order
     * @param skipped    the files left out, with reasons
     */
    public record Manifest(int format, String sourceName, List<Shard> shards, List<SkippedFile> skipped) {

        public Manifest(String sourceName, List<Shard> shards, List<SkippedFile> skipped) {
            this(FORMAT, sourceName, shards, skipped);
        }
    }

    /**
     * One shard file.
     *
     * @param file     its name inside the corpus folder
     * @param examples entries it holds
     * @param bytes    its size
     */
    public record Shard(String file, int examples, long bytes) {
    }

    /** A source file left out, and why. */
    public record SkippedFile(String file, String reason) {
    }

    private ShardedCorpus() {
    }

    /** True if the folder holds a prepared corpus. */
    public static boolean isCorpus(Path folder) {
        return Files.isRegularFile(folder.resolve(MANIFEST));
    }

    /** Writes the manifest into the folder (atomically, after the shards, so a corpus is whole or absent). */
    public static void writeManifest(Path folder, Manifest manifest) throws IOException {
        AtomicFiles.write(folder.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    }

    /**
     * Reads the manifest.
     *
     * @throws DatasetException in one line if it is not a corpus manifest of this format, or names a shard outside
     *                          the folder
     */
    public static Manifest readManifest(Path folder) throws DatasetException {
        Path file = folder.resolve(MANIFEST);
        Manifest manifest;
        try {
            manifest = JSON.readValue(BoundedFiles.read(file, MAX_MANIFEST_BYTES), Manifest.class);
        } catch (JsonProcessingException e) {
            throw new DatasetException(file + ": not a corpus manifest ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (manifest == null || manifest.format() != FORMAT || manifest.shards() == null
                || manifest.skipped() == null || manifest.sourceName() == null) {
            throw new DatasetException(file + ": not a corpus manifest of format " + FORMAT);
        }
        for (Shard shard : manifest.shards()) {
            if (shard.file() == null || !shard.file().matches("[A-Za-z0-9._-]+") || shard.examples() < 0) {
                throw new DatasetException(file + ": lists a shard that is not a plain file name with a count: "
                        + shard);
            }
        }
        return manifest;
    }

    /** Every entry of every shard, in order, each shard checked against its manifest entry. */
    public static List<CorpusShard.Entry> entries(Path folder, Manifest manifest) throws DatasetException {
        List<CorpusShard.Entry> entries = new ArrayList<>();
        for (Shard shard : manifest.shards()) {
            Path file = folder.resolve(shard.file());
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new DatasetException(file + ": shard listed in " + MANIFEST + " is missing", e);
            }
            if (size != shard.bytes()) {
                throw new DatasetException(file + ": is " + size + " bytes, " + MANIFEST + " says " + shard.bytes());
            }
            entries.addAll(CorpusShard.read(file, shard.examples()));
        }
        return entries;
    }

    /** The prepared corpus as training data, as {@link TrainingData#load} makes it from the source folder. */
    static TrainingData load(Path folder) throws DatasetException {
        Manifest manifest = readManifest(folder);
        List<Example> training = new ArrayList<>();
        List<Example> heldOut = new ArrayList<>();
        for (CorpusShard.Entry entry : entries(folder, manifest)) {
            (entry.heldOut() ? heldOut : training).add(entry.example());
        }
        List<MidiFolderDataset.Skipped> skipped = manifest.skipped().stream()
                .map(s -> new MidiFolderDataset.Skipped(Path.of(s.file()), s.reason())).toList();
        return TrainingData.ofMidiFolder(folder, manifest.sourceName(), training, heldOut, skipped);
    }
}
