package dev.continuo.bridge.plugin;

/**
 * The plug-in link's layout, mirrored from {@code native/src/main/c/include/continuo_link.h} (the protocol's single
 * definition; {@code LinkLayoutTest} compares the two). One file per plug-in instance: a header, a ring of records
 * to the engine, a ring of records to the plug-in. Little-endian; offsets and sizes in bytes; positions in beats
 * (quarter notes) from the song start.
 */
public final class LinkLayout {

    /** "CNTO" read as a little-endian uint32. */
    public static final int MAGIC = 0x4F544E43;
    public static final int VERSION = 2;

    public static final int HEADER_BYTES = 256;
    public static final int RECORD_BYTES = 32;
    /** Records per ring (powers of two). */
    public static final int TO_ENGINE_RECORDS = 4096;
    public static final int TO_PLUGIN_RECORDS = 16384;
    /** Within a ring: consumer index (uint64), producer index (uint64), the records. */
    public static final int RING_HEAD = 0;
    public static final int RING_TAIL = 64;
    public static final int RING_RECORDS = 128;
    public static final int TO_ENGINE_OFFSET = HEADER_BYTES;
    public static final int TO_PLUGIN_OFFSET = TO_ENGINE_OFFSET + ringBytes(TO_ENGINE_RECORDS);
    public static final int FILE_BYTES = TO_PLUGIN_OFFSET + ringBytes(TO_PLUGIN_RECORDS);

    /** Header fields: magic and version (uint32), the heartbeats (uint64), the closed flag (uint32). */
    public static final int H_MAGIC = 0;
    public static final int H_VERSION = 4;
    public static final int H_ENGINE_BEAT = 64;
    public static final int H_PLUGIN_BEAT = 128;
    public static final int H_CLOSED = 192;

    /** Record kinds: to the engine. */
    public static final int BLOCK = 1;
    public static final int NOTE = 2;
    public static final int SETTING = 3;
    public static final int RESTORE_BEGIN = 4;
    public static final int RESTORE_NOTE = 5;
    public static final int RESTORE_COMMIT = 6;
    /** Record kinds: to the plug-in. */
    public static final int PHRASE_BEGIN = 16;
    public static final int PHRASE_NOTE = 17;
    public static final int PHRASE_PROGRAM = 18;
    public static final int PHRASE_COMMIT = 19;
    public static final int CLEAR = 20;
    public static final int PHRASE_MELODY = 21;

    /** SETTING parameter ids (their values' meanings: the header). */
    public static final int PARAM_CAPTURE = 0;
    public static final int PARAM_THRU = 1;
    public static final int PARAM_PRESET = 2;
    public static final int PARAM_BARS = 3;
    public static final int PARAM_DENSITY = 4;
    public static final int PARAM_SEED = 5;
    public static final int PARAM_NOISE = 6;
    public static final int PARAM_HUMANIZE = 7;
    public static final int PARAM_VARIATION = 8;
    public static final int PARAM_MUTE_1 = 9;
    public static final int PARAM_SOLO_1 = 13;
    public static final int PARAM_OCTAVE_1 = 17;
    public static final int PARAM_VELOCITY_1 = 21;
    public static final int PARAMS = 25;

    /** BLOCK flags. */
    public static final int ROLLING = 1;
    public static final int POSITION = 2;
    public static final int JUMPED = 4;
    /** PHRASE_BEGIN flag: replace the phrase at its next start. */
    public static final int WAIT_FOR_START = 8;

    /** Field offsets within a record: uint8 kind, flags, a, b, c; uint32 frames, rate; double beat, value. */
    public static final int R_KIND = 0;
    public static final int R_FLAGS = 1;
    public static final int R_A = 2;
    public static final int R_B = 3;
    public static final int R_C = 4;
    public static final int R_FRAMES = 8;
    public static final int R_RATE = 12;
    public static final int R_BEAT = 16;
    public static final int R_VALUE = 24;

    private LinkLayout() {
    }

    /** Bytes of a ring holding {@code records} records. */
    public static int ringBytes(int records) {
        return RING_RECORDS + records * RECORD_BYTES;
    }
}
