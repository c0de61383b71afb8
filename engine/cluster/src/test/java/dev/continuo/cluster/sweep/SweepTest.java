package dev.continuo.cluster.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.cluster.testing.FixtureCorpus;
import dev.continuo.cluster.testing.LocalSpark;
import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.preset.Preset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    /** Three iterations of the compact networks on one-bar windows, eight windows a batch. */
    static final RunPlan PLAN = new RunPlan("swept", "compact", 16, true, 0.3, 3, 3);

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    static SweepGrid grid() {
        return new SweepGrid(List.of(SweepGrid.axis("lr=1e-3,2e-4"), SweepGrid.axis("update-ratio=1,2"),
                SweepGrid.axis("batch=8")));
    }

    @Test
    void aTwoByTwoSweepRunsEverySettingAndPicksTheBestByHeldOutChordAgreement(@TempDir Path dir) throws Exception {
        FixtureCorpus.write(dir.resolve("tunes"), 12);
        SweepData data = SweepData.of(TrainingData.load(dir.resolve("tunes")), true);

        Sweep.Outcome outcome = new Sweep(spark).run(data, PLAN, grid().settings());
        List<RunResult> results = outcome.results();

        assertEquals(4, results.size());
        assertEquals(List.of(Map.of("lr", "1e-3", "update-ratio", "1", "batch", "8"),
                Map.of("lr", "1e-3", "update-ratio", "2", "batch", "8"),
                Map.of("lr", "2e-4", "update-ratio", "1", "batch", "8"),
                Map.of("lr", "2e-4", "update-ratio", "2", "batch", "8")),
                results.stream().map(RunResult::setting).toList());
        for (RunResult result : results) {
            assertTrue(result.finished(), result.toString());
            assertTrue(result.chordAgreement() >= 0 && result.chordAgreement() <= 1, result.toString());
            assertTrue(result.distance() >= 0, result.toString());
            assertTrue(result.similarity() >= 0 && result.similarity() <= 1, result.toString());
            assertEquals(0, result.attempt());
        }
        assertTrue(results.stream().allMatch(r -> r.weights().length == 0), "only the best preset is kept");
        RunResult best = outcome.best().orElseThrow();
        double top = results.stream().mapToDouble(RunResult::chordAgreement).max().orElseThrow();
        assertEquals(top, best.chordAgreement());

        Path preset = dir.resolve("preset");
        Files.createDirectories(preset);
        Files.write(preset.resolve(Preset.MANIFEST), best.manifest());
        Files.write(preset.resolve(Preset.WEIGHTS), best.weights());
        Preset loaded = Preset.load(preset);
        assertEquals("swept", loaded.manifest().name());
        assertEquals(3, loaded.manifest().training().iterations());
        assertEquals(Hyperparameters.config(best.setting()), loaded.manifest().training().config());
    }

    @Test
    void aRunWhoseTrainingFailsIsReportedWithItsReasonNotDropped(@TempDir Path dir) throws Exception {
        FixtureCorpus.write(dir.resolve("tunes"), 12);
        SweepData data = SweepData.of(TrainingData.load(dir.resolve("tunes")), true);
        SweepData damaged = new SweepData(List.of(new byte[] {1, 2, 3}), data.heldOut(), data.description(),
                data.license(), true);
        Sweep.Outcome outcome = new Sweep(spark).run(damaged, PLAN, List.of(Map.of("batch", "8")));
        List<RunResult> failed = outcome.results();
        assertEquals(1, failed.size());
        assertEquals(RunResult.Status.FAILED, failed.get(0).status());
        assertTrue(failed.get(0).error().contains("training example 0"), failed.get(0).error());
        assertFalse(outcome.best().isPresent());
    }

    @Test
    void aGridKeyOrValueTrainCannotTakeIsRefusedBeforeAnyRun() {
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> SweepGrid.axis("lrate=1"));
        assertTrue(key.getMessage().startsWith("--grid: unknown hyperparameter \"lrate\""), key.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> SweepGrid.axis("update-ratio=2,x"));
        assertTrue(value.getMessage().contains("update-ratio takes a whole number, not \"x\""), value.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> SweepGrid.axis("lr=-1"));
        assertTrue(range.getMessage().contains("positive learning rate"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepGrid.axis("lr"));
    }
}
