package dev.continuo.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightsFileTest {

    @TempDir
    Path dir;

    private Path written() throws Exception {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("a", Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c'));
        arrays.put("b.gamma", Nd4j.create(new float[] {-0.5f}, new long[] {1, 1, 1, 1}, 'c'));
        Path file = dir.resolve("w.bin");
        WeightsFile.write(arrays, file);
        return file;
    }

    @Test
    void roundTripsNamesShapesAndValues() throws Exception {
        Map<String, INDArray> read = WeightsFile.read(written());
        assertEquals(java.util.List.of("a", "b.gamma"), java.util.List.copyOf(read.keySet()));
        assertArrayEquals(new long[] {2, 3}, read.get("a").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, read.get("a").data().asFloat());
        assertEquals(-0.5f, read.get("b.gamma").getFloat(0));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void aFlippedByteIsCaughtByTheChecksum() throws Exception {
        byte[] bytes = Files.readAllBytes(written());
        bytes[bytes.length / 2] ^= 0x10;
        CorruptWeightsException e = assertThrows(CorruptWeightsException.class,
                () -> WeightsFile.read(bytes, "w.bin"));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void truncatedAndForeignFilesAreNamed() throws Exception {
        byte[] bytes = Files.readAllBytes(written());
        assertTrue(assertThrows(CorruptWeightsException.class,
                () -> WeightsFile.read(Arrays.copyOf(bytes, bytes.length - 9), "w.bin")).getMessage()
                .contains("w.bin: checksum mismatch"));
        assertTrue(assertThrows(CorruptWeightsException.class,
                () -> WeightsFile.read("{\"json\": true}".getBytes(), "x.bin")).getMessage()
                .contains("not a Continuo weights file"));
    }

    @Test
    void weightsOfAnotherArchitectureAreRefusedByName() {
        Architecture small = new Architecture("s", 16, 60, 16, true, 4, 4, 2, 2, false);
        Architecture other = new Architecture("o", 16, 60, 16, true, 8, 4, 2, 2, false);
        Map<String, INDArray> arrays = ModelWeights.initialize(small, 1, org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .generatorArrays();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelWeights.generatorOf(other, arrays));
        assertTrue(e.getMessage().contains("\"g.enc0.W\" has shape [4, 1, 16, 4], the architecture needs "
                + "[4, 1, 16, 8]"), e.getMessage());
    }

    @Test
    void dimensionsWhoseProductOverflowsAreRefusedNotAllocated() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.writeInt(0x434E5457);
        out.writeInt(1);
        out.writeInt(1);
        out.writeShort(1);
        out.writeByte('w');
        out.writeByte(4);
        for (int d = 0; d < 4; d++) {
            out.writeLong(Integer.MAX_VALUE); // (2^31 - 1)^4 wraps a long
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        CorruptWeightsException e = assertThrows(CorruptWeightsException.class,
                () -> WeightsFile.read(bytes.toByteArray(), "huge.bin"));
        assertEquals("huge.bin: array 0 runs past the end of the file", e.getMessage());
    }

    @Test
    void aDeviceOrAnOversizedFileIsRefusedBeforeReading() throws Exception {
        Path zero = dir.resolve("weights-link.bin");
        Files.createSymbolicLink(zero, Path.of("/dev/zero"));
        assertTrue(assertThrows(java.io.IOException.class, () -> WeightsFile.read(zero)).getMessage()
                .endsWith("weights-link.bin: not a regular file"));
        Path big = dir.resolve("big.bin");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(WeightsFile.MAX_BYTES + 1); // sparse: no disk used
        }
        assertTrue(assertThrows(java.io.IOException.class, () -> WeightsFile.read(big)).getMessage()
                .contains("big.bin: " + (WeightsFile.MAX_BYTES + 1) + " bytes; the most Continuo reads here is "));
    }
}
