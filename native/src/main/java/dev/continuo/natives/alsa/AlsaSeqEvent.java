package dev.continuo.natives.alsa;

/** Byte offsets in {@code snd_seq_event_t} (alsa/seq_event.h; checked with {@code offsetof}, 28 bytes). */
public final class AlsaSeqEvent {

    public static final int SIZE = 28;
    public static final int TYPE = 0;
    public static final int FLAGS = 1;
    public static final int QUEUE = 3;
    /** {@code time.time.tv_sec} (unsigned int). */
    public static final int TIME_SECONDS = 4;
    /** {@code time.time.tv_nsec} (unsigned int). */
    public static final int TIME_NANOS = 8;
    public static final int SOURCE_PORT = 13;
    public static final int DEST_CLIENT = 14;
    public static final int DEST_PORT = 15;

    private AlsaSeqEvent() {
    }
}
