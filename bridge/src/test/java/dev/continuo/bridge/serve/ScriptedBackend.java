package dev.continuo.bridge.serve;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.BackendKind;
import dev.continuo.bridge.backend.BackendListener;
import dev.continuo.bridge.backend.CycleLoad;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.bridge.cycle.MidiOutput;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.TransportSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A substitute backend for session tests: its open succeeds or fails as told, it runs the handler's cycles on its
 * own thread (as a real backend does) and records what was written, and a test can make its service go away.
 */
public final class ScriptedBackend implements MidiBackend {

    static final int FRAMES = 64;
    static final int RATE = 48_000;

    private final boolean opens;
    private final CycleLoad load = new CycleLoad();
    private final TransportSnapshot transport = new TransportSnapshot();
    final List<Integer> statusBytes = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile boolean closed;
    private volatile BackendListener listener;
    private Thread cycles;

    public ScriptedBackend(boolean opens) {
        this.opens = opens;
        transport.clear();
    }

    @Override
    public BackendKind kind() {
        return BackendKind.JACK;
    }

    @Override
    public void open(String clientName, PortLayout layout, RealTimeHandler handler, BackendListener lost)
            throws BackendException {
        if (!opens) {
            throw new BackendException("the scripted service is not running");
        }
        listener = lost;
        running = true;
        MidiOutput output = (port, offset, status, data1, data2, length) -> statusBytes.add(status);
        cycles = new Thread(() -> {
            long frame = 0;
            while (running) {
                handler.beginCycle(frame, FRAMES, RATE, transport);
                handler.render(output);
                load.cycle(0, FRAMES, RATE);
                frame += FRAMES;
                LockSupport.parkNanos(1_000_000);
            }
        }, "scripted-cycles");
        cycles.setDaemon(true);
        cycles.start();
    }

    /** The service goes away: the cycles stop and the listener hears it. */
    void loseService() {
        running = false;
        listener.serviceLost("scripted loss");
    }

    boolean closed() {
        return closed;
    }

    @Override
    public List<String> portNames() {
        return List.of("scripted:melody_in", "scripted:accompaniment");
    }

    @Override
    public int sampleRate() {
        return RATE;
    }

    @Override
    public int framesPerCycle() {
        return FRAMES;
    }

    @Override
    public boolean offerTempo(double beatsPerMinute) {
        return false;
    }

    @Override
    public CycleLoad load() {
        return load;
    }

    @Override
    public void close() {
        running = false;
        closed = true;
        if (cycles != null) {
            try {
                cycles.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
