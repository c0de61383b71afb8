package dev.continuo.natives.jack;

/** Byte offsets of {@code jack_midi_event_t} (jack/midiport.h, 64-bit). */
public final class JackMidiEvent {

    public static final int SIZE = 24;

    /** {@code jack_nframes_t time}: frame offset within the cycle. */
    public static final int TIME = 0;
    /** {@code size_t size}. */
    public static final int DATA_SIZE = 8;
    /** {@code jack_midi_data_t *buffer}. */
    public static final int BUFFER = 16;

    private JackMidiEvent() {
    }
}
