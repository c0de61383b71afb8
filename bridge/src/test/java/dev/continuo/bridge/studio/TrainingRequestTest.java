package dev.continuo.bridge.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingRequestTest {

    @Test
    void becomesTheArgumentsOfContinuoTrain() {
        TrainingRequest request = new TrainingRequest(" /data/songs ", "my-folk", 500, 2e-4, 3, 16, 10, 7, 50, true);
        assertEquals(List.of("train", "--data", "/data/songs", "--preset", "my-folk", "--iterations", "500", "--lr",
                "2.0E-4", "--update-ratio", "3", "--batch", "16", "--reconstruction-weight", "10.0", "--seed", "7",
                "--checkpoint-every", "50", "--resume"), request.arguments());
    }

    @Test
    void refusesMissingDataAndNamesThatAreNotPresetNames() {
        assertEquals("name the training data: a folder of MIDI files or the JSB file", assertThrows(
                IllegalArgumentException.class, () -> new TrainingRequest(" ", "mine", 1, 1e-3, 1, 4, 0, 1, 1, false)
                        .arguments()).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingRequest("/d", "../x", 1, 1e-3, 1, 4, 0, 1, 1, false).arguments());
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingRequest("/d", "--resume", 1, 1e-3, 1, 4, 0, 1, 1, false).arguments());
    }
}
