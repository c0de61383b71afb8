package dev.continuo.natives.jack;

/**
 * Byte offsets of the {@code jack_position_t} fields Continuo reads or writes (jack/types.h, 64-bit, checked with
 * {@code offsetof} against JACK2's headers).
 */
public final class JackPosition {

    /** Bytes to allocate for one {@code jack_position_t} (the struct is 136 bytes; rounded up). */
    public static final int SIZE = 256;

    public static final int FRAME_RATE = 16;
    public static final int FRAME = 20;
    public static final int VALID = 24;
    public static final int BAR = 28;
    public static final int BEAT = 32;
    public static final int TICK = 36;
    public static final int BAR_START_TICK = 40;
    public static final int BEATS_PER_BAR = 48;
    public static final int BEAT_TYPE = 52;
    public static final int TICKS_PER_BEAT = 56;
    public static final int BEATS_PER_MINUTE = 64;
    public static final int BBT_OFFSET = 88;

    private JackPosition() {
    }
}
