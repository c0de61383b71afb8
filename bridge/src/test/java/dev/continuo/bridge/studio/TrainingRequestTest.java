package dev.continuo.bridge.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingRequestTest {

    private static TrainingRequest onMaster(String master, int shares) {
        return new TrainingRequest("/d", "mine", 2, 1e-3, 1, 4, 0, 1, 1, false, false, master, shares);
    }

    @Test
    void becomesTheArgumentsOfContinuoTrain() {
        TrainingRequest request = new TrainingRequest(" /data/songs ", "my-folk", 500, 2e-4, 3, 16, 10, 7, 50, true,
                false, " ", 0);
        assertFalse(request.onCluster(), "a blank master is a run here");
        assertEquals(List.of("train", "--data", "/data/songs", "--preset", "my-folk", "--iterations", "500", "--lr",
                "2.0E-4", "--update-ratio", "3", "--batch", "16", "--reconstruction-weight", "10.0", "--seed", "7",
                "--checkpoint-every", "50", "--resume"), request.arguments());
    }

    @Test
    void startingOverAnEarlierRunIsTrainsForce() {
        List<String> args = new TrainingRequest("/d", "mine", 2, 1e-3, 1, 4, 0, 1, 1, false, true, "", 0).arguments();
        assertEquals("--force", args.get(args.size() - 1));
        assertFalse(new TrainingRequest("/d", "mine", 2, 1e-3, 1, 4, 0, 1, 1, true, true, "", 0).arguments()
                .contains("--force"), "resuming wins: train takes one of the two");
        List<String> onCluster = new TrainingRequest("/d", "mine", 2, 1e-3, 1, 4, 0, 1, 1, false, true, "local[2]", 2)
                .arguments();
        assertEquals("--force", onCluster.get(onCluster.size() - 1), "the cluster's train refuses an earlier run too");
    }

    @Test
    void withAMasterBecomesTheClusterJarsTrainWithTheSameHyperparameters() {
        TrainingRequest request = new TrainingRequest("/data/songs", "my-folk", 500, 2e-4, 3, 16, 10, 7, 50, true,
                false, " spark://head:7077 ", 4);
        assertTrue(request.onCluster());
        assertEquals(List.of("train", "--master", "spark://head:7077", "--shares", "4", "--data", "/data/songs",
                "--preset", "my-folk", "--iterations", "500", "--checkpoint-every", "50", "--set", "lr=2.0E-4",
                "--set", "update-ratio=3", "--set", "batch=16", "--set", "reconstruction-weight=10.0", "--set",
                "seed=7", "--resume"), request.arguments());
        for (String master : List.of("local", "local[2]", "local[*]", "local[2,3]", "yarn", "spark://a:7077,b:7077",
                "k8s://https://api.example:6443")) {
            assertEquals(master, onMaster(master, 2).arguments().get(2));
        }
    }

    @Test
    void refusesMissingDataNamesThatAreNotPresetNamesAndBadMasters() {
        assertEquals("name the training data: a folder of MIDI files or the JSB file", assertThrows(
                IllegalArgumentException.class, () -> new TrainingRequest(" ", "mine", 1, 1e-3, 1, 4, 0, 1, 1, false,
                        false, null, 0).arguments()).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingRequest("/d", "../x", 1, 1e-3, 1, 4, 0, 1, 1, false, false, null, 0).arguments());
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingRequest("/d", "--resume", 1, 1e-3, 1, 4, 0, 1, 1, false, false, null, 0).arguments());
        assertEquals("a Spark master is local[N], spark://HOST:PORT, yarn or k8s://https://HOST:PORT, not "
                + "\"local[2] --conf x\"", assertThrows(IllegalArgumentException.class,
                        () -> onMaster("local[2] --conf x", 2).arguments()).getMessage());
        assertEquals("the shares must divide the batch (4), not 3", assertThrows(IllegalArgumentException.class,
                () -> onMaster("local[2]", 3).arguments()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> onMaster("local[2]", 0).arguments());
    }
}
