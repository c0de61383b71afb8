package dev.continuo.bridge.realtime;

import dev.continuo.bridge.cycle.SpscRing;

/**
 * How the real-time thread tells the capture thread what it heard, as two {@code long}s per record through a
 * {@link SpscRing}: the first holds the kind and small fields, the second a musical position (steps, as double
 * bits) or a value.
 */
public final class CaptureRecord {

    /** A melody note began or ended: fields channel, pitch, velocity (0 = ended); second = position in steps. */
    public static final int NOTE = 1;
    /** A cycle ended: fields rolling, contiguous, loops, steps per bar; second = position at its end in steps. */
    public static final int CYCLE = 2;
    /** Program Change on the control channel: field program. */
    public static final int PROGRAM = 3;
    /** Control Change on the control channel: fields controller, value. */
    public static final int CONTROL = 4;

    private CaptureRecord() {
    }

    public static long pack(int kind, int a, int b, int c) {
        return ((long) kind << 48) | ((long) (a & 0xFFFF) << 32) | ((long) (b & 0xFFFF) << 16) | (c & 0xFFFF);
    }

    public static int kind(long packed) {
        return (int) (packed >>> 48);
    }

    public static int a(long packed) {
        return (int) (packed >>> 32) & 0xFFFF;
    }

    public static int b(long packed) {
        return (int) (packed >>> 16) & 0xFFFF;
    }

    public static int c(long packed) {
        return (int) packed & 0xFFFF;
    }
}
