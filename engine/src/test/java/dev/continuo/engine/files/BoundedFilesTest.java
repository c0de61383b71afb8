package dev.continuo.engine.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFilesTest {

    @TempDir
    Path dir;

    @Test
    void aRegularFileWithinTheLimitIsReadWhole() throws IOException {
        Path file = Files.write(dir.resolve("a.json"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, BoundedFiles.read(file, 3));
        assertEquals(file + ": 3 bytes; the most Continuo reads here is 2",
                assertThrows(IOException.class, () -> BoundedFiles.read(file, 2)).getMessage());
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("preset.json");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        assertEquals(fifo + ": not a regular file",
                assertThrows(IOException.class, () -> BoundedFiles.read(fifo, 1 << 20)).getMessage());
    }

    @Test
    void aDeviceAndAFolderAreRefused() {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        assertEquals("/dev/zero: not a regular file",
                assertThrows(IOException.class, () -> BoundedFiles.read(Path.of("/dev/zero"), 1 << 20)).getMessage());
        assertEquals(dir + ": not a regular file",
                assertThrows(IOException.class, () -> BoundedFiles.read(dir, 1 << 20)).getMessage());
    }
}
