package dev.continuo.bridge.plugin;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The plug-in's side of a link, for tests: its own mapping of the file, the rings in the other direction. */
public final class FakePlugin {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    public final MappedByteBuffer buffer;
    /** Written by this side. */
    public final LinkRing toEngine;
    /** Read by this side. */
    public final LinkRing toPlugin;

    public FakePlugin(Path link) throws IOException {
        buffer = map(link);
        toEngine = new LinkRing(buffer, LinkLayout.TO_ENGINE_OFFSET, LinkLayout.TO_ENGINE_RECORDS);
        toPlugin = new LinkRing(buffer, LinkLayout.TO_PLUGIN_OFFSET, LinkLayout.TO_PLUGIN_RECORDS);
    }

    public static MappedByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, LinkLayout.FILE_BYTES);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            return mapped;
        }
    }

    public int magic() {
        return (int) INTS.getAcquire(buffer, LinkLayout.H_MAGIC);
    }

    public int version() {
        return buffer.getInt(LinkLayout.H_VERSION);
    }

    public boolean closed() {
        return (int) INTS.getAcquire(buffer, LinkLayout.H_CLOSED) != 0;
    }

    public long engineBeat() {
        return (long) LONGS.getAcquire(buffer, LinkLayout.H_ENGINE_BEAT);
    }

    /** What the plug-in does every block. */
    public void beat() {
        LONGS.setRelease(buffer, LinkLayout.H_PLUGIN_BEAT, (long) LONGS.getAcquire(buffer, LinkLayout.H_PLUGIN_BEAT)
                + 1);
    }

    /** Sends one record; fails the test if the ring is full. */
    public void send(LinkRecord record) {
        if (!toEngine.offer(record)) {
            throw new AssertionError("the ring to the engine is full");
        }
    }

    /** Everything waiting from the engine, each record a copy. */
    public List<LinkRecord> receive() {
        List<LinkRecord> records = new ArrayList<>();
        LinkRecord next = new LinkRecord();
        while (toPlugin.poll(next)) {
            records.add(next);
            next = new LinkRecord();
        }
        return records;
    }
}
