package dev.continuo.bridge.backend;

import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import java.util.List;

/**
 * One OS MIDI API behind one interface. A backend registers a virtual melody input and the accompaniment output
 * (one port with the parts on four channels, or four ports) and then drives a {@link RealTimeHandler} from its
 * real-time thread: timestamped input in, output written at exact frame offsets, and the host's transport where it
 * has one. Events in the future are held by the engine and written in the cycle they fall in.
 *
 * <p>Lifecycle: {@link #open} once, then {@link #close}; a backend is not reopened (make a new one).
 */
public interface MidiBackend extends AutoCloseable {

    BackendKind kind();

    /**
     * Connects to the OS MIDI service, registers the ports and starts calling {@code handler}.
     *
     * @param clientName name shown to other applications, e.g. "continuo"
     * @param listener   told, on a non-real-time thread, when the service goes away
     * @throws BackendException if the service is not running or refuses the client or a port
     */
    void open(String clientName, PortLayout layout, RealTimeHandler handler, BackendListener listener)
            throws BackendException;

    /** Full names of the registered ports, melody input first. */
    List<String> portNames();

    /** Frames per second of the real-time cycle. */
    int sampleRate();

    /** Frames per real-time cycle. */
    int framesPerCycle();

    /**
     * Offers to be the host's transport tempo source (JACK: timebase master) at a constant tempo in 4/4, so that
     * transport-aware applications get bar, beat and tempo from Continuo. Call after {@link #open}.
     *
     * @return false if the backend has no such role or another application already holds it
     */
    boolean offerTempo(double beatsPerMinute) throws BackendException;

    /**
     * Connections of the accompaniment ports, summed, so that a new one can be given the parts' programs; -1 where
     * the backend cannot tell. Any thread but the real-time one; does not block.
     */
    default int outputConnections() {
        return -1;
    }

    /** How much of each cycle the real-time callback takes (the share of the cycle period), and its failures. */
    CycleLoad load();

    /** Stops the real-time cycle and unregisters everything. Idempotent; never throws. */
    @Override
    void close();
}
