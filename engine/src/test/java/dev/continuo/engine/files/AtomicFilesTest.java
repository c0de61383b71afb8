package dev.continuo.engine.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private long filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void replacesARegularFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path file = Files.write(dir.resolve("out.mid"), new byte[] {9});
        AtomicFiles.write(file, new byte[] {1, 2});
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(file));
        assertThrows(IOException.class, () -> AtomicFiles.write(file, temp -> {
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(file), "a failed write leaves the old file");
        assertEquals(1, filesIn(dir), "and no temporary file");
    }

    @Test
    void refusesAFolderAndADeviceInsteadOfReplacingThem() throws IOException {
        assertEquals(dir + ": a folder; give a file name",
                assertThrows(FileSystemException.class, () -> AtomicFiles.write(dir, new byte[1])).getMessage());
        Path device = dir.resolve("to-dev-null");
        Files.createSymbolicLink(device, Path.of("/dev/null"));
        assertEquals(device + ": not a regular file; Continuo writes only files",
                assertThrows(FileSystemException.class, () -> AtomicFiles.write(device, new byte[1])).getMessage());
        assertTrue(Files.isSymbolicLink(device), "the link (and the device) are untouched");
    }

    @Test
    void makesTheFolderItWritesInto() throws IOException {
        Path file = dir.resolve("a").resolve("b").resolve("c.json");
        AtomicFiles.write(file, new byte[] {7});
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(file));
    }

    @Test
    void leftoversOfKilledWritesAreRemovedAndNothingElse() throws IOException {
        Path leftover = Files.write(dir.resolve(".checkpoint.json.0f3c2a1e-5b7d-4c9e-8a6f-1d2e3f4a5b6c.tmp"),
                new byte[] {1});
        Path mine = Files.write(dir.resolve("notes.tmp"), new byte[] {2});
        Path hidden = Files.write(dir.resolve(".config"), new byte[] {3});
        assertEquals(1, AtomicFiles.removeLeftovers(dir));
        assertTrue(Files.notExists(leftover));
        assertTrue(Files.exists(mine) && Files.exists(hidden));
        assertEquals(0, AtomicFiles.removeLeftovers(dir.resolve("missing")));
    }
}
