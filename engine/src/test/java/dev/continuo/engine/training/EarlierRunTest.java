package dev.continuo.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlierRunTest {

    @TempDir
    Path preset;

    @Test
    void nothingThereMakesWayAtOnce() throws Exception {
        assertFalse(EarlierRun.clear(preset, preset.resolve("checkpoints"), false));
    }

    @Test
    void anEarlierRunIsReplacedOnlyWhenAskedAndItsCheckpointGoesFirst() throws Exception {
        Path checkpoints = Files.createDirectories(preset.resolve("checkpoints"));
        Files.writeString(checkpoints.resolve(Checkpoint.PROGRESS), "{}");
        Files.writeString(checkpoints.resolve("training.csv"), "iteration\n1\n");

        String refusal = assertThrows(IllegalArgumentException.class,
                () -> EarlierRun.clear(preset, checkpoints, false)).getMessage();
        assertEquals(checkpoints.resolve(Checkpoint.PROGRESS) + " is there from an earlier run: add --resume to "
                + "continue it, or --force to start over and replace it", refusal);
        assertTrue(Files.exists(checkpoints.resolve(Checkpoint.PROGRESS)), "refused: nothing touched");

        assertTrue(EarlierRun.clear(preset, checkpoints, true));
        assertFalse(Checkpoint.exists(checkpoints));
    }

    @Test
    void aPresetAloneIsAnEarlierRunToo() throws Exception {
        Files.writeString(preset.resolve("preset.json"), "{}");
        assertThrows(IllegalArgumentException.class, () -> EarlierRun.clear(preset, preset.resolve("c"), false));
    }
}
