package dev.continuo.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.cluster.testing.FixtureCorpus;
import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.preset.Preset;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster command line in this JVM on {@code local[2]}: prepare, then sweep on the prepared corpus. */
class ClusterCommandsTest {

    private static final String[] LOCAL = {"--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf",
        "spark.driver.host=127.0.0.1"};

    @Test
    void prepareThenSweepWritesTheCorpusTheTableTheChartAndTheBestPreset(@TempDir Path dir) throws Exception {
        Path tunes = dir.resolve("tunes");
        FixtureCorpus.write(tunes, 12);
        Path corpus = dir.resolve("corpus");

        assertEquals(ContinuoCluster.OK, ContinuoCluster.execute(concat(new String[] {"prepare", "--input",
            tunes.toString(), "--output", corpus.toString(), "--shards", "2"})));
        assertEquals(12, TrainingData.load(corpus).training().size() + 1, "one of twelve held out");

        Path preset = dir.resolve("preset");
        assertEquals(ContinuoCluster.OK, ContinuoCluster.execute(concat(new String[] {"sweep", "--data",
            corpus.toString(), "--grid", "lr=1e-3,2e-4", "--grid", "batch=8", "--preset", "swept", "--output",
            preset.toString(), "--window", "16", "--iterations", "2", "--checkpoint-every", "2"})));

        List<String> csv = Files.readAllLines(preset.resolve("sweep.csv"));
        assertEquals("run,lr,batch,status,chord_agreement,distance_to_reference,similarity_index,seconds,try,"
                + "executor,best,error", csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("0,1e-3,8,finished,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("1,2e-4,8,finished,"), csv.get(2));
        assertEquals(1, csv.stream().filter(line -> line.contains(",*,")).count(), "one best run");
        for (String row : csv.subList(1, csv.size())) {
            double similarity = Double.parseDouble(row.split(",")[6]);
            assertTrue(similarity >= 0 && similarity <= 1, row);
        }
        assertEquals("swept", Preset.load(preset).manifest().name());
        BufferedImage chart = ImageIO.read(preset.resolve("sweep.png").toFile());
        assertEquals(900, chart.getWidth());
    }

    @Test
    void trainWithAMasterTrainsDataParallelAndWritesThePresetAndItsCheckpoint(@TempDir Path dir) throws Exception {
        Path tunes = dir.resolve("tunes");
        FixtureCorpus.write(tunes, 12);
        Path preset = dir.resolve("preset");

        assertEquals(ContinuoCluster.OK, ContinuoCluster.execute(concat(new String[] {"train", "--data",
            tunes.toString(), "--preset", "parallel", "--output", preset.toString(), "--window", "16",
            "--iterations", "2", "--checkpoint-every", "1", "--set", "batch=8", "--set", "update-ratio=1",
            "--shares", "2"})));

        Preset trained = Preset.load(preset);
        assertEquals(2, trained.manifest().training().iterations());
        assertEquals(8, trained.manifest().training().config().batchSize());
        assertTrue(trained.manifest().metrics().containsKey("chord_agreement"));
        Path checkpoints = preset.resolve("checkpoints");
        assertTrue(Files.isRegularFile(checkpoints.resolve("checkpoint.json")));
        // What the studio's training page reads, as a run in one process writes it.
        List<String> rows = Files.readAllLines(checkpoints.resolve("training.csv"));
        assertEquals(3, rows.size(), "header and one row per checkpoint: " + rows);
        assertTrue(rows.get(0).startsWith("iteration,seconds,critic_loss,"), rows.get(0));
        assertTrue(rows.get(1).startsWith("1,") && rows.get(2).startsWith("2,"), rows.toString());
        assertEquals(rows.get(0).split(",").length, rows.get(2).split(",").length);
        assertEquals(2, Files.readAllLines(checkpoints.resolve("reference.csv")).size());
        assertTrue(Files.isRegularFile(checkpoints.resolve("samples").resolve("iteration-000002.mid")));
        assertEquals(ContinuoCluster.BAD_INPUT, ContinuoCluster.execute(concat(new String[] {"train", "--data",
            tunes.toString(), "--preset", "parallel", "--output", preset.toString(), "--set", "batch=8",
            "--shares", "3"})));
    }

    @Test
    void trainWithAMasterRefusesAnEarlierRunAndATooLargeBatchBeforeSparkStarts(@TempDir Path dir) throws Exception {
        Path tunes = dir.resolve("tunes");
        FixtureCorpus.write(tunes, 12);
        Path preset = dir.resolve("preset");
        Path progress = Files.createDirectories(preset.resolve("checkpoints")).resolve("checkpoint.json");
        Files.writeString(progress, "{\"earlier\": true}");
        String[] train = {"train", "--data", tunes.toString(), "--preset", "parallel", "--output",
            preset.toString(), "--window", "16", "--iterations", "1", "--set", "batch=8", "--shares", "2"};

        assertEquals(ContinuoCluster.BAD_INPUT, ContinuoCluster.execute(concat(train)));
        assertEquals("{\"earlier\": true}", Files.readString(progress), "the earlier run's checkpoint is kept");
        assertEquals(ContinuoCluster.BAD_INPUT, ContinuoCluster.execute(concat(new String[] {"train", "--data",
            tunes.toString(), "--preset", "parallel", "--output", dir.resolve("new").toString(), "--set",
            "batch=100000000", "--shares", "2"})));
        assertTrue(Files.notExists(dir.resolve("new")), "refused before anything was written");
    }

    @Test
    void aBadGridOrMissingDataEndsInOneLineWithExitCode2(@TempDir Path dir) {
        assertEquals(ContinuoCluster.BAD_INPUT, ContinuoCluster.execute(concat(new String[] {"sweep", "--data",
            dir.toString(), "--grid", "lrate=1", "--preset", "x", "--output", dir.resolve("p").toString()})));
        assertEquals(ContinuoCluster.BAD_INPUT, ContinuoCluster.execute(concat(new String[] {"sweep", "--data",
            dir.resolve("missing").toString(), "--grid", "lr=1e-3", "--preset", "x", "--output",
            dir.resolve("p").toString()})));
        assertEquals(ContinuoCluster.BAD_INPUT, ContinuoCluster.execute(concat(new String[] {"prepare", "--input",
            dir.toString(), "--output", dir.resolve("out").toString(), "--shards", "0"})));
    }

    private static String[] concat(String[] command) {
        String[] all = new String[command.length + LOCAL.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(LOCAL, 0, all, command.length, LOCAL.length);
        return all;
    }
}
