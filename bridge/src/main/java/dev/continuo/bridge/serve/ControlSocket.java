package dev.continuo.bridge.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where the daemon's control socket lives: a directory only the user can enter, so only the user can connect. */
public final class ControlSocket {

    private ControlSocket() {
    }

    /** {@code $XDG_RUNTIME_DIR/continuo/ctl.sock}, or {@code /tmp/continuo-USER/ctl.sock}. */
    public static Path defaultPath() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path directory = runtime != null && !runtime.isBlank() ? Path.of(runtime, "continuo")
                : Path.of(System.getProperty("java.io.tmpdir"), "continuo-" + System.getProperty("user.name"));
        return directory.resolve("ctl.sock");
    }

    /** Creates the socket's directory with permissions 0700 (where the file system has POSIX permissions). */
    static void prepareDirectory(Path socket) throws IOException {
        Path directory = socket.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Windows: the user's profile directory is already private.
        }
    }
}
