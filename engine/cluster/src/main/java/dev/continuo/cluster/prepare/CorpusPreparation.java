package dev.continuo.cluster.prepare;

import dev.continuo.engine.data.CorpusShard;
import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.ExampleCodec;
import dev.continuo.engine.data.MidiFolderDataset;
import dev.continuo.engine.data.ShardedCorpus;
import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MidiFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Prepares a corpus as a Spark job: reads every *.mid and *.midi file under a folder or URI that Spark can read
 * (local, {@code hdfs://}, {@code s3a://}), chooses each file's melody and parts as {@code continuo train} does
 * ({@link MidiFolderDataset#example}), holds out every tenth usable file in name order, and writes the examples as
 * {@link CorpusShard} files with a {@link ShardedCorpus} manifest that lists them and every skipped file with its
 * reason. Files are read and parsed on the executors; each shard comes back to the driver, one at a time, and is
 * written into a local folder that {@code train --data} then reads directly.
 *
 * <p>Like Hadoop's file listing, and unlike the local reader, files whose name starts with "." or "_" are not
 * read.
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
     * @param shards how many shards to write (at most; an empty one is left out)
     * @throws DatasetException in one line if there are no MIDI files, or the output folder is in use
     */
    public Report prepare(String input, Path output, int shards) throws DatasetException, IOException {
        if (Files.isDirectory(output)) {
            try (var entries = Files.list(output)) {
                if (entries.findAny().isPresent()) {
                    throw new DatasetException(output + ": output folder is not empty");
                }
            }
        }
        spark.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true");
        JavaPairRDD<String, FileOutcome> outcomes = spark.binaryFiles(input, shards)
                .filter(file -> isMidiName(file._1()))
                .mapToPair(file -> new Tuple2<>(displayName(file._1()), read(file._2(), displayName(file._1()))))
                .sortByKey(true, shards)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            List<ShardedCorpus.SkippedFile> skipped = outcomes.values().filter(o -> !o.isUsable())
                    .map(o -> new Tuple2<>(o.name(), o.reason())).collect().stream()
                    .map(s -> new ShardedCorpus.SkippedFile(s._1(), s._2())).toList();
            JavaRDD<ShardBlob> blobs = outcomes.values().filter(FileOutcome::isUsable).zipWithIndex()
                    .mapPartitionsWithIndex(CorpusPreparation::shard, true);
            Files.createDirectories(output);
            List<ShardedCorpus.Shard> written = new ArrayList<>();
            int examples = 0;
            int heldOut = 0;
            for (Iterator<ShardBlob> it = blobs.toLocalIterator(); it.hasNext();) {
                ShardBlob blob = it.next();
                String name = String.format(Locale.ROOT, "shard-%05d.bin", blob.index());
                Files.write(output.resolve(name), blob.bytes());
                written.add(new ShardedCorpus.Shard(name, blob.examples(), blob.bytes().length));
                examples += blob.examples();
                heldOut += blob.heldOut();
            }
            if (examples == 0 && skipped.isEmpty()) {
                throw new DatasetException(input + ": no .mid files found");
            }
            ShardedCorpus.writeManifest(output, new ShardedCorpus.Manifest(sourceName(input), written, skipped));
            return new Report(examples, heldOut, skipped, written.size());
        } finally {
            outcomes.unpersist(false);
        }
    }

    private static boolean isMidiName(String uri) {
        return uri.toLowerCase(Locale.ROOT).matches(".*\\.midi?$");
    }

    /** A local file's plain path, as the local reader names it; any other URI unchanged. */
    static String displayName(String uri) {
        return uri.startsWith("file:") ? new org.apache.hadoop.fs.Path(uri).toUri().getPath() : uri;
    }

    private static String sourceName(String input) {
        return new org.apache.hadoop.fs.Path(input).getName();
    }

    /** Reads and converts one file on an executor; a file that does not fit is skipped with the reason. */
    private static FileOutcome read(PortableDataStream stream, String name) {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(stream.getPath());
            long bytes = path.getFileSystem(stream.getConfiguration()).getFileStatus(path).getLen();
            MidiFileReader.checkSize(bytes, name);
            byte[] data = stream.toArray();
            return FileOutcome.usable(name, ExampleCodec.encode(new MidiFolderDataset().example(name,
                    new MidiFileReader().read(data, name))));
        } catch (BadMidiFileException e) {
            return FileOutcome.skipped(name, e.problem());
        } catch (IllegalArgumentException e) {
            return FileOutcome.skipped(name, e.getMessage());
        } catch (IOException e) {
            return FileOutcome.skipped(name, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** One partition's examples as one shard, each held out by its index among all usable files. */
    private static Iterator<ShardBlob> shard(int partition, Iterator<Tuple2<FileOutcome, Long>> examples) {
        List<byte[]> records = new ArrayList<>();
        List<Boolean> heldOut = new ArrayList<>();
        int held = 0;
        while (examples.hasNext()) {
            Tuple2<FileOutcome, Long> example = examples.next();
            boolean out = MidiFolderDataset.isHeldOut(example._2());
            records.add(example._1().example());
            heldOut.add(out);
            held += out ? 1 : 0;
        }
        if (records.isEmpty()) {
            return List.<ShardBlob>of().iterator();
        }
        return List.of(new ShardBlob(partition, CorpusShard.encode(records, heldOut), records.size(), held))
                .iterator();
    }
}
