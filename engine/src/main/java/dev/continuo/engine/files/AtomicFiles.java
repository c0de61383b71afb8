package dev.continuo.engine.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files atomically — whole or not at all: into a temporary file beside the target, then renamed over it.
 * Only a regular file (or nothing) is ever replaced: a folder, a device such as {@code /dev/full} or a FIFO at the
 * target is refused, where a rename would have put a file in its place.
 */
public final class AtomicFiles {

    /** Writes the content to a fresh file. */
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    /** The temporary files {@link #write} makes: ".NAME.UUID.tmp". */
    private static final Pattern TEMPORARY = Pattern.compile(
            "\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private AtomicFiles() {
    }

    /**
     * Deletes the temporary files that writes into {@code directory} left when their process was killed (nothing
     * else deletes them). Only for a folder that no other process is writing into at the time.
     *
     * @return how many were deleted; 0 if the folder does not exist
     */
    public static int removeLeftovers(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> files = Files.list(directory)) {
            leftovers = files.filter(file -> TEMPORARY.matcher(file.getFileName().toString()).matches()
                    && Files.isRegularFile(file)).toList();
        }
        for (Path file : leftovers) {
            Files.deleteIfExists(file);
        }
        return leftovers.size();
    }

    /** Writes {@code bytes} to {@code file}. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, temp -> Files.write(temp, bytes, StandardOpenOption.WRITE));
    }

    /**
     * Writes {@code file} with {@code content}, creating its folder if needed.
     *
     * @throws FileSystemException with a one-line reason if the target is not a regular file
     * @throws IOException         if the write fails
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new FileSystemException(file.toString(), null, "a folder; give a file name");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new FileSystemException(file.toString(), null, "not a regular file; Continuo writes only files");
        }
        Files.createDirectories(target.getParent());
        // Not Files.createTempFile: its 0600 permissions would stick to the finished file; this honours the umask.
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createFile(temp);
            content.writeTo(temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
