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

    private final JackLibrary jack = new JackLibraryDirect();
    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final Memory data = new Memory(65_536);
    private final JackLibrary.JackProcessCallback process = this::process;
    private final Pointer client;
    private final Pointer port;
    private volatile int eventsPerCycle = 1;

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
        int budget = eventsPerCycle;
        for (int i = 0; i < budget; i++) {
            byte[] bytes = pending.peek();
            if (bytes == null) {
                break;
            }
            data.write(0, bytes, 0, bytes.length);
            int offset = (int) ((long) i * frames / budget);
            if (jack.jack_midi_event_write(buffer, offset, Pointer.nativeValue(data), bytes.length) != 0) {
                break;
            }
            pending.poll();
            sent.incrementAndGet();
        }
        return 0;
    }

    @Override
    public void close() {
        jack.jack_deactivate(client);
        jack.jack_client_close(client);
    }
}
