package dev.continuo.cluster.prepare;

import dev.continuo.engine.data.CorpusShard;
import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.ExampleCodec;
import dev.continuo.engine.data.MidiFolderDataset;
import dev.continuo.engine.data.ShardedCorpus;
import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MidiFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Prepares a corpus as a Spark job: lists every *.mid and *.midi file under a folder or URI that Hadoop's file
 * systems read (a path, {@code hdfs://}, {@code s3a://}), reads and converts them on the executors, each file's
 * melody and parts chosen as {@code continuo train} chooses them ({@link MidiFolderDataset#example}), and writes
 * the examples in name order as {@link CorpusShard} files, every tenth usable one held out, with a
 * {@link ShardedCorpus} manifest that lists the shards and every skipped file with its reason. The shards come
 * back to the driver one at a time and go into a local folder that {@code train --data} reads directly.
 *
 * <p>The driver lists the files and sorts their names (so each shard holds a contiguous run of names, without a
 * shuffle); the executors do the reading and parsing.
 */
public final class CorpusPreparation {

    /**
     * What a preparation wrote.
     *
     * @param examples usable files, as examples
     * @param heldOut  of those, held out of training
     * @param skipped  files left out, with reasons
     * @param shards   shard files written
     */
    public record Report(int examples, int heldOut, List<ShardedCorpus.SkippedFile> skipped, int shards) {
    }

    private final JavaSparkContext spark;

    public CorpusPreparation(JavaSparkContext spark) {
        this.spark = spark;
    }

    /**
     * Prepares the corpus.
     *
     * @param input  a folder or URI holding MIDI files (searched recursively)
     * @param output a local folder that does not exist yet, or is empty
     * @param shards how many shards to write (at most, and no more than there are files)
     * @throws DatasetException in one line if the input cannot be listed or holds no MIDI files, or the output
     *                          folder is in use
     */
    public Report prepare(String input, Path output, int shards) throws DatasetException, IOException {
        if (Files.isDirectory(output)) {
            try (var entries = Files.list(output)) {
                if (entries.findAny().isPresent()) {
                    throw new DatasetException(output + ": output folder is not empty");
                }
            }
        }
        List<SourceFile> files = list(input);
        Map<String, String> hadoop = new HashMap<>();
        spark.hadoopConfiguration().forEach(entry -> hadoop.put(entry.getKey(), entry.getValue()));
        JavaRDD<ArrayList<FileOutcome>> outcomes = spark.parallelize(files, Math.min(shards, files.size()))
                .mapPartitions(partition -> List.of(read(partition, hadoop)).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            outcomes.count(); // every file read and converted, in parallel; the shards below come from the cache
            Files.createDirectories(output);
            List<ShardedCorpus.Shard> written = new ArrayList<>();
            List<ShardedCorpus.SkippedFile> skipped = new ArrayList<>();
            int examples = 0;
            int heldOut = 0;
            for (Iterator<ArrayList<FileOutcome>> it = outcomes.toLocalIterator(); it.hasNext();) {
                List<byte[]> records = new ArrayList<>();
                List<Boolean> flags = new ArrayList<>();
                for (FileOutcome outcome : it.next()) {
                    if (outcome.isUsable()) {
                        boolean out = MidiFolderDataset.isHeldOut(examples++);
                        heldOut += out ? 1 : 0;
                        records.add(outcome.example());
                        flags.add(out);
                    } else {
                        skipped.add(new ShardedCorpus.SkippedFile(outcome.name(), outcome.reason()));
                    }
                }
                if (!records.isEmpty()) {
                    byte[] shard = CorpusShard.encode(records, flags);
                    String name = String.format(Locale.ROOT, "shard-%05d.bin", written.size());
                    Files.write(output.resolve(name), shard);
                    written.add(new ShardedCorpus.Shard(name, records.size(), shard.length));
                }
            }
            ShardedCorpus.writeManifest(output, new ShardedCorpus.Manifest(new org.apache.hadoop.fs.Path(input)
                    .getName(), written, skipped));
            return new Report(examples, heldOut, skipped, written.size());
        } finally {
            outcomes.unpersist(false);
        }
    }

    /** Every MIDI file under the input, in name order. */
    private List<SourceFile> list(String input) throws DatasetException {
        List<SourceFile> files = new ArrayList<>();
        try {
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(input);
            FileSystem fs = root.getFileSystem(spark.hadoopConfiguration());
            RemoteIterator<LocatedFileStatus> listing = fs.listFiles(root, true);
            while (listing.hasNext()) {
                LocatedFileStatus status = listing.next();
                String uri = status.getPath().toString();
                if (status.isFile() && uri.toLowerCase(Locale.ROOT).matches(".*\\.midi?$")) {
                    String name = "file".equals(status.getPath().toUri().getScheme())
                            ? status.getPath().toUri().getPath() : uri;
                    files.add(new SourceFile(uri, name, status.getLen()));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new DatasetException(input + ": cannot list MIDI files (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new DatasetException(input + ": no .mid files found");
        }
        files.sort(Comparator.comparing(SourceFile::name));
        return files;
    }

    /** Reads and converts one partition's files on an executor; a file that does not fit is skipped. */
    private static ArrayList<FileOutcome> read(Iterator<SourceFile> files, Map<String, String> hadoop) {
        Configuration conf = new Configuration(false);
        hadoop.forEach(conf::set);
        MidiFileReader reader = new MidiFileReader();
        MidiFolderDataset dataset = new MidiFolderDataset();
        ArrayList<FileOutcome> outcomes = new ArrayList<>();
        while (files.hasNext()) {
            SourceFile file = files.next();
            try {
                MidiFileReader.checkSize(file.bytes(), file.name());
                org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.uri());
                byte[] data;
                try (InputStream in = path.getFileSystem(conf).open(path)) {
                    data = in.readNBytes((int) MidiFileReader.MAX_FILE_BYTES + 1);
                }
                MidiFileReader.checkSize(data.length, file.name()); // it may have grown since it was listed
                outcomes.add(FileOutcome.usable(file.name(), ExampleCodec.encode(dataset.example(file.name(),
                        reader.read(data, file.name())))));
            } catch (BadMidiFileException e) {
                outcomes.add(FileOutcome.skipped(file.name(), e.problem()));
            } catch (IllegalArgumentException e) {
                outcomes.add(FileOutcome.skipped(file.name(), e.getMessage()));
            } catch (IOException e) {
                outcomes.add(FileOutcome.skipped(file.name(), "cannot be read (" + e.getMessage() + ")"));
            }
        }
        return outcomes;
    }
}
