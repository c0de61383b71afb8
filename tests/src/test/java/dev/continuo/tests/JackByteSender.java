package dev.continuo.tests;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.continuo.natives.jack.JackLibrary;
import dev.continuo.natives.jack.JackLibraryDirect;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JACK client of the test itself that sends arbitrary bytes (garbage included) from an output port, a given number
 * of JACK events per cycle: what no example client can send. Test code: it allocates freely.
 */
final class JackByteSender implements AutoCloseable {

    /** A DAW's loop: Stop, Song Position Pointer 0, Continue. */
    private static final byte[] LOOP = {(byte) 0xFC, (byte) 0xF2, 0, 0, (byte) 0xFB};

    /**
     * Bytes written per cycle, beyond which the next event waits for the next cycle (a first event always goes):
     * half of JACK 2's 32 KiB MIDI port buffer, so that floods of long messages do not make libjack print a
     * complaint for each event that does not fit.
     */
    private static final int BYTES_PER_CYCLE = 16_384;

    private final JackLibrary jack = new JackLibraryDirect();
    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final Memory data = new Memory(65_536);
    private final JackLibrary.JackProcessCallback process = this::process;
    private final Pointer client;
    private final Pointer port;
    private volatile int eventsPerCycle = 1;
    private volatile int framesPerClock;
    private volatile int loopClocks;
    private long nextClockFrame = -1;
    private long clocksSent;
    private long loopStartClock = -1;
    private long loopsSent;

    JackByteSender(String name) throws IOException {
        int[] status = new int[1];
        client = jack.jack_client_open(name, JackLibrary.JackNoStartServer, status);
        if (client == null) {
            throw new IOException("jack_client_open failed with status " + status[0]);
        }
        port = jack.jack_port_register(client, "out", JackLibrary.JACK_DEFAULT_MIDI_TYPE,
                new NativeLong(JackLibrary.JackPortIsOutput), new NativeLong(0));
        jack.jack_set_process_callback(client, process, null);
        if (jack.jack_activate(client) != 0) {
            throw new IOException("jack_activate failed");
        }
    }

    void eventsPerCycle(int events) {
        eventsPerCycle = events;
    }

    /** Queues one JACK event holding {@code bytes}. */
    void send(byte... bytes) {
        pending.add(bytes);
    }

    /**
     * Sends MIDI clock (F8) every {@code frames} frames from the next cycle on, exactly on its frame; 0 stops it.
     * Queued events still go out, at the start of each cycle.
     */
    void clockEvery(int frames) {
        framesPerClock = frames;
    }

    /**
     * Plays a DAW looping {@code clocks} clocks long: from the next clock on, and every {@code clocks} clocks after
     * it, one event holding Stop, Song Position Pointer 0 and Continue goes out just before the clock, on its frame.
     */
    void loopEvery(int clocks) {
        loopClocks = clocks;
    }

    /** Loops sent so far. */
    synchronized long loopsSent() {
        return loopsSent;
    }

    /** Clock messages sent so far. */
    synchronized long clocksSent() {
        return clocksSent;
    }

    /** Events written into JACK buffers so far. */
    long sent() {
        return sent.get();
    }

    boolean idle() {
        return pending.isEmpty();
    }

    private int process(int frames, Pointer unused) {
        long buffer = jack.jack_port_get_buffer(port, frames);
        jack.jack_midi_clear_buffer(buffer);
        int spacing = framesPerClock;
        if (spacing > 0) {
            sendQueued(buffer, frames, Math.max(1, eventsPerCycle), true);
            sendClocks(buffer, frames, spacing);
            return 0;
        }
        sendQueued(buffer, frames, eventsPerCycle, false);
        return 0;
    }

    private void sendClocks(long buffer, int frames, int spacing) {
        long cycleStart = jack.jack_last_frame_time(client) & 0xFFFF_FFFFL;
        if (nextClockFrame < 0) {
            nextClockFrame = cycleStart;
        }
        data.setByte(0, (byte) 0xF8);
        data.write(16, LOOP, 0, LOOP.length);
        int loop = loopClocks;
        while (nextClockFrame < cycleStart + frames) {
            int offset = (int) (nextClockFrame - cycleStart);
            synchronized (this) {
                if (loop > 0 && loopStartClock < 0) {
                    loopStartClock = clocksSent;
                }
                if (loop > 0 && (clocksSent - loopStartClock) % loop == 0) {
                    jack.jack_midi_event_write(buffer, offset, Pointer.nativeValue(data) + 16, LOOP.length);
                    loopsSent++;
                }
                clocksSent++;
            }
            jack.jack_midi_event_write(buffer, offset, Pointer.nativeValue(data), 1);
            nextClockFrame += spacing;
        }
    }

    private void sendQueued(long buffer, int frames, int budget, boolean atStart) {
        int written = 0;
        for (int i = 0; i < budget; i++) {
            byte[] bytes = pending.peek();
            if (bytes == null || i > 0 && written + bytes.length > BYTES_PER_CYCLE) {
                break;
            }
            written += bytes.length;
            data.write(0, bytes, 0, bytes.length);
            int offset = atStart ? 0 : (int) ((long) i * frames / budget);
            if (jack.jack_midi_event_write(buffer, offset, Pointer.nativeValue(data), bytes.length) != 0) {
                break;
            }
            pending.poll();
            sent.incrementAndGet();
        }
    }

    @Override
    public void close() {
        jack.jack_deactivate(client);
        jack.jack_client_close(client);
    }
}
