package dev.continuo.bridge.bench;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.Backends;
import dev.continuo.natives.MovablePointer;
import dev.continuo.natives.jack.JackLibrary;
import dev.continuo.natives.jack.JackMidiEvent;

/**
 * The other end of the engine for {@code continuo bench serve}: a JACK client that plays a looping melody (a scale up
 * and down in quarter notes, two bars) into the engine, records on JACK's frame clock when each accompaniment
 * note-on arrives, and can flood the engine with note messages. Preallocated; its process callback allocates nothing
 * in our code.
 */
public final class ServeProbe implements AutoCloseable {

    private static final int[] MELODY = {60, 62, 64, 65, 67, 65, 64, 62};
    private static final int STEPS_PER_NOTE = 4;
    private static final int NOTE_STEPS = 3;
    private static final int MAX_ONSETS = 1_000_000;

    private final JackLibrary jack;
    private final Pointer client;
    private final Pointer input;
    private final Pointer output;
    private final JackLibrary.JackProcessCallback process = this::process;
    private final Memory event = new Memory(JackMidiEvent.SIZE);
    private final Memory data = new Memory(4);
    private final MovablePointer bytes = new MovablePointer();
    private final long[] onsetFrames = new long[MAX_ONSETS];
    private final double framesPerStep;
    private final long loopFrames;
    private volatile int onsets;
    private volatile int floodPerCycle;
    private volatile boolean muted;
    private volatile long flooded;
    private long origin = -1;
    private boolean floodNoteOn;

    /** A probe on libjack; {@link BackendException} if it is not installed or no server runs. */
    public static ServeProbe onJack(String name, double beatsPerMinute) throws BackendException {
        return new ServeProbe(Backends.jackLibrary(), name, beatsPerMinute);
    }

    public ServeProbe(JackLibrary jack, String name, double beatsPerMinute) throws BackendException {
        this.jack = jack;
        int[] status = new int[1];
        client = jack.jack_client_open(name, JackLibrary.JackNoStartServer | JackLibrary.JackUseExactName, status);
        if (client == null) {
            throw new BackendException("the benchmark's probe could not join the JACK server", "jack_client_open",
                    status[0]);
        }
        framesPerStep = jack.jack_get_sample_rate(client) * 60.0 / (beatsPerMinute * 4);
        loopFrames = Math.round(MELODY.length * STEPS_PER_NOTE * framesPerStep);
        input = register("in", JackLibrary.JackPortIsInput);
        output = register("out", JackLibrary.JackPortIsOutput);
        check(jack.jack_set_process_callback(client, process, null), "jack_set_process_callback");
        check(jack.jack_activate(client), "jack_activate");
    }

    private Pointer register(String port, int flags) throws BackendException {
        Pointer registered = jack.jack_port_register(client, port, JackLibrary.JACK_DEFAULT_MIDI_TYPE,
                new NativeLong(flags), new NativeLong(0));
        if (registered == null) {
            throw new BackendException("the probe could not register its port " + port, "jack_port_register", 0);
        }
        return registered;
    }

    private static void check(int code, String function) throws BackendException {
        if (code != 0) {
            throw new BackendException("the benchmark's probe failed", function, code);
        }
    }

    /** Connects two ports by their full names. */
    public void connect(String source, String destination) throws BackendException {
        check(jack.jack_connect(client, source, destination), "jack_connect");
    }

    /** Frames per sixteenth note at the probe's tempo. */
    public double framesPerStep() {
        return framesPerStep;
    }

    /** JACK frame times of the accompaniment note-ons received so far. */
    public long[] onsetFrames() {
        return java.util.Arrays.copyOf(onsetFrames, onsets);
    }

    /** Replaces the melody by {@code messages} note messages per cycle (0 = back to the melody). */
    public void flood(int messages) {
        floodPerCycle = messages;
    }

    /** Sends nothing at all (true) or resumes (false). */
    public void mute(boolean mute) {
        muted = mute;
    }

    public long flooded() {
        return flooded;
    }

    /** Called on the real-time thread. */
    private int process(int frames, Pointer unused) {
        long first = jack.jack_last_frame_time(client) & 0xFFFF_FFFFL;
        if (origin < 0) {
            origin = first;
        }
        record(first, frames);
        long buffer = jack.jack_port_get_buffer(output, frames);
        jack.jack_midi_clear_buffer(buffer);
        int messages = floodPerCycle;
        if (muted) {
            return 0;
        }
        if (messages > 0) {
            for (int i = 0; i < messages; i++) {
                floodNoteOn = !floodNoteOn;
                if (write(buffer, (int) ((long) i * frames / messages), floodNoteOn ? 0x90 : 0x80, 72, 64)) {
                    flooded = flooded + 1;
                }
            }
        } else {
            playMelody(buffer, first, frames);
        }
        return 0;
    }

    private void record(long first, int frames) {
        long buffer = jack.jack_port_get_buffer(input, frames);
        int count = jack.jack_midi_get_event_count(buffer);
        for (int index = 0; index < count && onsets < MAX_ONSETS; index++) {
            if (jack.jack_midi_event_get(Pointer.nativeValue(event), buffer, index) != 0
                    || event.getLong(JackMidiEvent.DATA_SIZE) < 3) {
                continue;
            }
            bytes.moveTo(event.getLong(JackMidiEvent.BUFFER));
            int status = bytes.getByte(0) & 0xFF;
            if ((status & 0xF0) == 0x90 && bytes.getByte(2) != 0) {
                onsetFrames[onsets] = first + event.getInt(JackMidiEvent.TIME);
                onsets = onsets + 1;
            }
        }
    }

    private void playMelody(long buffer, long first, int frames) {
        long loop = Math.floorDiv(first - origin, loopFrames);
        for (long pass = loop; pass <= loop + 1; pass++) {
            long loopStart = origin + pass * loopFrames;
            for (int note = 0; note < MELODY.length; note++) {
                long on = loopStart + Math.round(note * STEPS_PER_NOTE * framesPerStep);
                long off = loopStart + Math.round((note * STEPS_PER_NOTE + NOTE_STEPS) * framesPerStep);
                if (on >= first && on < first + frames) {
                    write(buffer, (int) (on - first), 0x90, MELODY[note], 90);
                }
                if (off >= first && off < first + frames) {
                    write(buffer, (int) (off - first), 0x80, MELODY[note], 0);
                }
            }
        }
    }

    private boolean write(long buffer, int offset, int status, int pitch, int velocity) {
        data.setByte(0, (byte) status);
        data.setByte(1, (byte) pitch);
        data.setByte(2, (byte) velocity);
        return jack.jack_midi_event_write(buffer, offset, Pointer.nativeValue(data), 3) == 0;
    }

    @Override
    public void close() {
        jack.jack_deactivate(client);
        jack.jack_client_close(client);
    }
}
