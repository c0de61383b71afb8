package dev.continuo.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.continuo.engine.model.CorruptWeightsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
