package dev.continuo.bridge.midi;

/**
 * Up to {@value #MAX_BYTES} raw MIDI bytes packed into one {@code long} (bytes in the low seven bytes, the count in
 * the top one), so that raw input can cross threads through a ring of {@code long}s without allocation.
 */
public final class PackedMidi {

    /** Bytes one {@code long} carries. */
    public static final int MAX_BYTES = 7;

    private PackedMidi() {
    }

    /** Packs {@code data[start..start+count)}, {@code count} ≤ {@value #MAX_BYTES}. */
    public static long pack(byte[] data, int start, int count) {
        long packed = (long) count << 56;
        for (int i = 0; i < count; i++) {
            packed |= (data[start + i] & 0xFFL) << (8 * i);
        }
        return packed;
    }

    /** Unpacks into {@code into[0..count)} and returns the count. */
    public static int unpack(long packed, byte[] into) {
        int count = (int) (packed >>> 56);
        for (int i = 0; i < count; i++) {
            into[i] = (byte) (packed >>> (8 * i));
        }
        return count;
    }
}
