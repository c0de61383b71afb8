package dev.continuo.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.model.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointTest {

    @TempDir
    Path dir;

    private String refusal(String json) throws Exception {
        Files.writeString(dir.resolve(Checkpoint.PROGRESS), json);
        return assertThrows(CorruptWeightsException.class, () -> Checkpoint.read(dir)).getMessage();
    }

    @Test
    void aDamagedProgressRecordIsRefusedInOneLine() throws Exception {
        String broken = refusal("{\"iteration\": 12, \"seconds\"");
        assertFalse(broken.contains("\n"), broken);
        assertEquals(dir.resolve(Checkpoint.PROGRESS) + ": not a checkpoint record (",
                broken.substring(0, broken.indexOf('(') + 1));
        assertEquals(dir.resolve(Checkpoint.PROGRESS) + ": not a checkpoint record (iteration -5, seconds 3.0)",
                refusal("{\"iteration\": -5, \"seconds\": 3}"));
        assertEquals(dir.resolve(Checkpoint.PROGRESS) + ": not a checkpoint record (iteration missing)",
                refusal("null"));
    }

    @Test
    void aGoodRecordReadsBack() throws Exception {
        Files.writeString(dir.resolve(Checkpoint.PROGRESS), "{\"iteration\": 40, \"seconds\": 12.5}");
        assertEquals(new Checkpoint(40, 12.5), Checkpoint.read(dir));
    }

    private static Map<String, INDArray> arrays(float value) {
        return Map.of("w", Nd4j.createFromArray(value, value + 1));
    }

    private float first(Map<String, INDArray> arrays) {
        return arrays.get("w").getFloat(0);
    }

    @Test
    void theWeightsAreNamedByTheRecordAndOlderOnesGoOnceItIsWritten() throws Exception {
        new Checkpoint(100, 5).write(dir, arrays(1));
        new Checkpoint(200, 9).write(dir, arrays(2));
        Checkpoint checkpoint = Checkpoint.read(dir);
        assertEquals(200, checkpoint.iteration());
        assertEquals("checkpoint-000200.bin", checkpoint.state());
        assertEquals(2, first(Checkpoint.readState(dir)));
        assertFalse(Files.exists(dir.resolve("checkpoint-000100.bin")), "the older state file is removed");
    }

    @Test
    void aRunKilledAfterWritingTheWeightsButBeforeTheRecordResumesFromThePreviousCheckpointWhole() throws Exception {
        new Checkpoint(100, 5).write(dir, arrays(1));
        WeightsFile.write(arrays(2), dir.resolve("checkpoint-000200.bin")); // killed before the record's rename
        assertEquals(100, Checkpoint.read(dir).iteration());
        assertEquals(1, first(Checkpoint.readState(dir)), "iteration 100's weights, not the newer file's");
    }

    @Test
    void weightsThatAreNotTheOnesTheRecordNamesAreRefusedInOneLine() throws Exception {
        new Checkpoint(100, 5).write(dir, arrays(1));
        WeightsFile.write(arrays(2), dir.resolve("checkpoint-000100.bin")); // replaced behind the record's back
        String message = assertThrows(CorruptWeightsException.class, () -> Checkpoint.readState(dir)).getMessage();
        assertEquals(dir.resolve("checkpoint-000100.bin") + ": not the state its checkpoint record names (SHA-256"
                + " differs)", message);
        Files.delete(dir.resolve("checkpoint-000100.bin"));
        assertEquals(dir.resolve("checkpoint-000100.bin") + ": missing; the checkpoint record names it",
                assertThrows(CorruptWeightsException.class, () -> Checkpoint.readState(dir)).getMessage());
    }

    @Test
    void aRecordNamingAFileOutsideItsFolderIsRefused() throws Exception {
        assertEquals(dir.resolve(Checkpoint.PROGRESS) + ": not a checkpoint record (its state file is not named as"
                + " Continuo names them, or has no SHA-256)", refusal("{\"iteration\": 4, \"seconds\": 1, \"state\":"
                + " \"../preset.bin\", \"stateSha256\": \"" + "0".repeat(64) + "\"}"));
    }

    @Test
    void theEarlierLayoutStillReads() throws Exception {
        WeightsFile.write(arrays(3), dir.resolve(Checkpoint.LEGACY_STATE));
        Files.writeString(dir.resolve(Checkpoint.PROGRESS), "{\"iteration\": 40, \"seconds\": 12.5}");
        assertEquals(3, first(Checkpoint.readState(dir)));
        new Checkpoint(41, 13).write(dir, arrays(4));
        assertFalse(Files.exists(dir.resolve(Checkpoint.LEGACY_STATE)), "replaced by the new layout");
        Checkpoint.delete(dir);
        assertFalse(Checkpoint.exists(dir));
        assertFalse(Files.exists(dir.resolve("checkpoint-000041.bin")));
    }
}
