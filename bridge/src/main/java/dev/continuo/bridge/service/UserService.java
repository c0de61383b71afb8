package dev.continuo.bridge.service;

import dev.continuo.engine.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The per-user registration that starts {@code continuo serve} at login and restarts it on failure: a systemd user
 * unit, a launchd agent or a Windows startup entry. Installing and uninstalling are idempotent and need no root.
 */
public interface UserService {

    /** The file this service is defined by. */
    Path file();

    /** The user folder the file lives under; uninstalling removes emptied folders up to, not including, it. */
    Path root();

    /** The file's content for the given launcher. */
    String definition(Path launcher);

    /** The commands that register and start the service once {@link #file()} is written (may be empty). */
    java.util.List<java.util.List<String>> startCommands();

    /** The commands that stop and unregister it before {@link #file()} is removed (may be empty). */
    java.util.List<java.util.List<String>> stopCommands();

    /** A command that prints whether it runs, or an empty list. */
    java.util.List<String> statusCommand();

    /** Where the service manager lives, for messages, e.g. "systemd (user)". */
    String manager();

    /** Writes {@link #definition} atomically. */
    default void write(Path launcher) throws IOException {
        AtomicFiles.write(file(), definition(launcher).getBytes(StandardCharsets.UTF_8));
    }
}
