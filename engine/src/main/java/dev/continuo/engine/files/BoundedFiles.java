package dev.continuo.engine.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads external files whole only after checking what they are: a regular file (not a FIFO, a device such as
 * {@code /dev/zero}, or a folder) of at most a given size, so that no input can hang a reader or exhaust memory.
 */
public final class BoundedFiles {

    private BoundedFiles() {
    }

    /**
     * The bytes of {@code file}.
     *
     * @param limit the most bytes it may have
     * @throws FileSystemException with a one-line reason if it is missing, not a regular file, or larger than
     *                             {@code limit} (also when it grows while being read)
     * @throws IOException         if it cannot be read
     */
    public static byte[] read(Path file, long limit) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new FileSystemException(file.toString(), null, "not a regular file");
        }
        long size = Files.size(file);
        if (size > limit) {
            throw new FileSystemException(file.toString(), null,
                    size + " bytes; the most Continuo reads here is " + limit);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new FileSystemException(file.toString(), null, "grew past " + limit + " bytes while being read");
            }
            return bytes;
        }
    }
}
