package dev.continuo.cluster.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.cluster.testing.FixtureCorpus;
import dev.continuo.cluster.testing.LocalSpark;
import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.Example;
import dev.continuo.engine.data.ShardedCorpus;
import dev.continuo.engine.data.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusPreparationTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void theShardsLoadAsTheSameTrainingDataAsTheFolderItself(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("tunes");
        FixtureCorpus.write(folder, 24);
        Path prepared = dir.resolve("prepared");

        CorpusPreparation.Report report = new CorpusPreparation(spark).prepare(folder.toUri().toString(), prepared,
                3);

        TrainingData local = TrainingData.load(folder);
        TrainingData sharded = TrainingData.load(prepared);
        assertEquals(24, report.examples());
        assertEquals(2, report.heldOut());
        assertEquals(3, report.shards(), "24 examples in three shards");
        assertSameExamples(local.training(), sharded.training());
        assertSameExamples(local.heldOut(), sharded.heldOut());
        assertEquals(local.skipped(), sharded.skipped());
        assertEquals(List.of("empty.MIDI", "garbage.mid", "melody-only.mid"),
                sharded.skipped().stream().map(s -> s.file().getFileName().toString()).toList());
        assertEquals(local.description(), sharded.description());
        assertEquals(local.partNames(4), sharded.partNames(4));
        assertEquals(local.melodyMedian(), sharded.melodyMedian());
        assertEquals(3, ShardedCorpus.readManifest(prepared).shards().size());
    }

    @Test
    void aFolderWithoutMidiFilesOrAnOutputInUseIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no MIDI here");
        DatasetException none = assertThrows(DatasetException.class, () -> new CorpusPreparation(spark)
                .prepare(empty.toString(), dir.resolve("out"), 2));
        assertTrue(none.getMessage().endsWith("no .mid files found"), none.getMessage());

        DatasetException used = assertThrows(DatasetException.class, () -> new CorpusPreparation(spark)
                .prepare(empty.toString(), empty, 2));
        assertEquals(empty + ": output folder is not empty", used.getMessage());
    }

    private static void assertSameExamples(List<Example> expected, List<Example> actual) {
        assertEquals(expected.stream().map(Example::name).toList(), actual.stream().map(Example::name).toList());
        for (int i = 0; i < expected.size(); i++) {
            Example want = expected.get(i);
            Example got = actual.get(i);
            assertTrue(want.melody().sameContentAs(got.melody()), want.name());
            assertEquals(want.parts().size(), got.parts().size(), want.name());
            for (int p = 0; p < want.parts().size(); p++) {
                assertTrue(want.parts().get(p).sameContentAs(got.parts().get(p)), want.name() + " part " + p);
            }
        }
    }
}
