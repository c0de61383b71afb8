package dev.continuo.engine.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Coverage-guided fuzzing of the weights reader past its checksum: the fuzzer's bytes are a weights file's body and
 * the test appends the CRC-32 they need, so the structure behind the checksum (counts, names, ranks, dimensions,
 * values) meets every mutation. Any body gives arrays of the shapes it declares, or a {@link CorruptWeightsException}
 * in one line. Seeds in {@code WeightsFileFuzzTestInputs}.
 */
class WeightsFileFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyBodyWithItsChecksumGivesArraysOrAOneLineError(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] file = ByteBuffer.allocate(body.length + Long.BYTES).put(body).putLong(crc.getValue()).array();
        Map<String, INDArray> arrays;
        try {
            arrays = WeightsFile.read(file, "weights.bin");
        } catch (CorruptWeightsException e) {
            assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && (c < 0x7F || c >= 0xA0)), e.getMessage());
            return;
        }
        long values = arrays.values().stream().mapToLong(INDArray::length).sum();
        assertTrue(values * Float.BYTES <= file.length, values + " values in " + file.length + " bytes");
    }
}
