package dev.continuo.bridge.plugin;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One plug-in instance's link file, made and owned by the engine: created (mode 0600, replacing a stale one),
 * sized, mapped and headed before the plug-in is told its path; deleted on {@link #close}. Fields outside the
 * rings are touched only as {@link LinkLayout} defines them: the engine bumps its heartbeat, reads the plug-in's
 * and sets the closed flag.
 *
 * <p>Used by one engine thread at a time (the session's housekeeping rounds), except {@link #path}.
 */
public final class LinkFile implements AutoCloseable {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final MappedByteBuffer buffer;
    private final LinkRing toEngine;
    private final LinkRing toPlugin;

    private LinkFile(Path path, MappedByteBuffer buffer) {
        this.path = path;
        this.buffer = buffer;
        this.toEngine = new LinkRing(buffer, LinkLayout.TO_ENGINE_OFFSET, LinkLayout.TO_ENGINE_RECORDS);
        this.toPlugin = new LinkRing(buffer, LinkLayout.TO_PLUGIN_OFFSET, LinkLayout.TO_PLUGIN_RECORDS);
    }

    /**
     * Makes the link file at {@code path} (its folder should be private to the user): zeroed, then version and,
     * last with release ordering, the magic, so a plug-in that sees the magic sees a ready file.
     *
     * @throws IOException if it cannot be made or mapped; nothing is left behind then
     */
    public static LinkFile create(Path path) throws IOException {
        Files.deleteIfExists(path);
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            MappedByteBuffer buffer = map(path);
            buffer.putInt(LinkLayout.H_VERSION, LinkLayout.VERSION);
            INTS.setRelease(buffer, LinkLayout.H_MAGIC, LinkLayout.MAGIC);
            return new LinkFile(path, buffer);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    private static MappedByteBuffer map(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // Mapping read-write past the end grows the file to the full size (zero-filled).
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, LinkLayout.FILE_BYTES);
            buffer.order(ByteOrder.LITTLE_ENDIAN);
            return buffer;
        }
    }

    public Path path() {
        return path;
    }

    /** The ring the plug-in writes (BLOCK, NOTE) and the engine reads. */
    public LinkRing toEngine() {
        return toEngine;
    }

    /** The ring the engine writes (phrases, CLEAR) and the plug-in reads. */
    public LinkRing toPlugin() {
        return toPlugin;
    }

    /** Adds 1 to the engine's heartbeat (once per housekeeping round). */
    public void beatEngine() {
        LONGS.setRelease(buffer, LinkLayout.H_ENGINE_BEAT, engineBeat() + 1);
    }

    public long engineBeat() {
        return (long) LONGS.getAcquire(buffer, LinkLayout.H_ENGINE_BEAT);
    }

    /** The plug-in's heartbeat (it adds 1 every block). */
    public long pluginBeat() {
        return (long) LONGS.getAcquire(buffer, LinkLayout.H_PLUGIN_BEAT);
    }

    /** Whether the engine has let the link go. */
    public boolean closed() {
        return (int) INTS.getAcquire(buffer, LinkLayout.H_CLOSED) != 0;
    }

    /**
     * Tells the plug-in the engine has let the link go and deletes the file (the plug-in's mapping stays valid
     * until it unmaps). The engine's own mapping is released when it is collected.
     *
     * @throws IOException if the file could not be deleted
     */
    @Override
    public void close() throws IOException {
        INTS.setRelease(buffer, LinkLayout.H_CLOSED, 1);
        Files.deleteIfExists(path);
    }
}
