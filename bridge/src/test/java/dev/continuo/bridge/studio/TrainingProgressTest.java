package dev.continuo.bridge.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingProgressTest {

    @TempDir
    Path folder;

    @Test
    void readsTheRowsTheReferenceAndTheSamplesAndSkipsARowBeingWritten() throws Exception {
        Files.writeString(folder.resolve("training.csv"), """
                iteration,seconds,critic_loss,similarity_index
                100,20.0,-1.5,0.61
                200,40.0,-2.5,NaN
                300,60""");
        Files.writeString(folder.resolve("reference.csv"), "in_scale,similarity_index\n0.915,1.0000\n");
        Files.createDirectories(folder.resolve("samples"));
        for (String name : List.of("iteration-000200.mid", "iteration-000100.mid", "notes.txt")) {
            Files.writeString(folder.resolve("samples").resolve(name), "");
        }
        TrainingProgress progress = TrainingProgress.read(folder, 1000);
        assertEquals(List.of("iteration", "seconds", "critic_loss", "similarity_index"), progress.columns());
        assertEquals(2, progress.rows().size(), "the third row is still being written");
        assertArrayEquals(new double[] {100, 20, -1.5, 0.61}, progress.rows().get(0));
        assertTrue(Double.isNaN(progress.rows().get(1)[3]));
        assertEquals(Map.of("in_scale", 0.915, "similarity_index", 1.0), progress.reference());
        assertEquals(List.of(100, 200), progress.samples());
        assertEquals(200, progress.lastIteration());
        // 40 s for 200 iterations: 800 to go take 160 s.
        assertEquals(160.0, progress.etaSeconds(), 1e-9);
    }

    @Test
    void anEmptyFolderReadsAsNoProgressWithAnUnknownEta() throws Exception {
        TrainingProgress progress = TrainingProgress.read(folder, 1000);
        assertEquals(List.of(), progress.rows());
        assertEquals(Map.of(), progress.reference());
        assertEquals(List.of(), progress.samples());
        assertEquals(-1, progress.etaSeconds());
        assertEquals(folder.resolve("samples").resolve("iteration-000042.mid"),
                TrainingProgress.sampleFile(folder, 42));
    }
}
