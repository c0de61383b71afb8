package dev.continuo.bridge.plugin;

import java.nio.ByteBuffer;

/**
 * One 32-byte link record as plain fields, reused by its owner (never shared between threads): filled from a ring
 * slot by {@link LinkRing#poll} or written into one by {@link LinkRing#stage}. Unsigned fields are held as
 * {@code int}s (0–255) and {@code long}s (0–2³²−1).
 */
public final class LinkRecord {

    public int kind;
    public int flags;
    public int a;
    public int b;
    public int c;
    public long frames;
    public long rate;
    public double beat;
    public double value;

    /** Sets every field; returns this. */
    public LinkRecord set(int kind, int flags, int a, int b, int c, long frames, long rate, double beat,
            double value) {
        this.kind = kind;
        this.flags = flags;
        this.a = a;
        this.b = b;
        this.c = c;
        this.frames = frames;
        this.rate = rate;
        this.beat = beat;
        this.value = value;
        return this;
    }

    /** Reads the record at byte {@code at} of a little-endian buffer. */
    void read(ByteBuffer buffer, int at) {
        kind = Byte.toUnsignedInt(buffer.get(at + LinkLayout.R_KIND));
        flags = Byte.toUnsignedInt(buffer.get(at + LinkLayout.R_FLAGS));
        a = Byte.toUnsignedInt(buffer.get(at + LinkLayout.R_A));
        b = Byte.toUnsignedInt(buffer.get(at + LinkLayout.R_B));
        c = Byte.toUnsignedInt(buffer.get(at + LinkLayout.R_C));
        frames = Integer.toUnsignedLong(buffer.getInt(at + LinkLayout.R_FRAMES));
        rate = Integer.toUnsignedLong(buffer.getInt(at + LinkLayout.R_RATE));
        beat = buffer.getDouble(at + LinkLayout.R_BEAT);
        value = buffer.getDouble(at + LinkLayout.R_VALUE);
    }

    /** Writes the record at byte {@code at} of a little-endian buffer, reserved bytes zero. */
    void write(ByteBuffer buffer, int at) {
        buffer.put(at + LinkLayout.R_KIND, (byte) kind);
        buffer.put(at + LinkLayout.R_FLAGS, (byte) flags);
        buffer.put(at + LinkLayout.R_A, (byte) a);
        buffer.put(at + LinkLayout.R_B, (byte) b);
        buffer.put(at + LinkLayout.R_C, (byte) c);
        buffer.put(at + 5, (byte) 0);
        buffer.putShort(at + 6, (short) 0);
        buffer.putInt(at + LinkLayout.R_FRAMES, (int) frames);
        buffer.putInt(at + LinkLayout.R_RATE, (int) rate);
        buffer.putDouble(at + LinkLayout.R_BEAT, beat);
        buffer.putDouble(at + LinkLayout.R_VALUE, value);
    }
}
