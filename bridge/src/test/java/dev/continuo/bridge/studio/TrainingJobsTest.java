package dev.continuo.bridge.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a run by its folder; starting one is {@code StudioTrainingIT}'s (it needs the command line's JVM). */
class TrainingJobsTest {

    @TempDir
    Path dir;

    @Test
    void idleUntilARunIsFollowedThenAttachedToItsCheckpointFolder() throws Exception {
        TrainingJobs jobs = new TrainingJobs(dir.resolve("presets"), null, () -> { });
        assertEquals("idle", jobs.status().state());
        Path checkpoints = Files.createDirectories(dir.resolve("mine").resolve("checkpoints"));
        Files.writeString(checkpoints.resolve("training.csv"), "iteration,seconds\n10,5.0\n");

        jobs.attach(dir.resolve("mine"), 40);
        TrainingJobs.Status status = jobs.status();
        assertEquals("attached", status.state());
        assertEquals(10, status.progress().lastIteration());
        assertEquals(15.0, status.progress().etaSeconds(), 1e-9);
        assertEquals(Optional.of(checkpoints), jobs.folder());
    }

    @Test
    void aFolderWithoutTrainingCsvIsRefusedAndThereIsNothingToStop() {
        TrainingJobs jobs = new TrainingJobs(dir.resolve("presets"), null, () -> { });
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> jobs.attach(dir, 0));
        assertTrue(refused.getMessage().endsWith("holds no training.csv (give the run's checkpoint folder)"),
                refused.getMessage());
        assertEquals("no training run that the studio started is going",
                assertThrows(IllegalStateException.class, jobs::stop).getMessage());
    }

    @Test
    void aRunOnAClusterWithoutTheClusterJarIsRefusedInOneLine() {
        TrainingRequest onSpark = new TrainingRequest(dir.toString(), "mine", 2, 1e-3, 1, 4, 0, 1, 1, false, false,
                "local[2]", 2);
        assertEquals("training on a cluster runs Continuo's cluster jar, which this installation lacks (build it "
                + "from the sources: engine/cluster/target/continuo-cluster.jar; see docs/cluster.md)",
                assertThrows(IllegalArgumentException.class, () -> new TrainingJobs(dir.resolve("presets"), null,
                        () -> { }).start(onSpark)).getMessage());
        Path missing = dir.resolve("continuo-cluster.jar");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrainingJobs(dir.resolve("presets"),
                missing, () -> { }).start(onSpark)).getMessage().contains("which is not at " + missing));
    }
}
