package dev.continuo.bridge.cycle;

/**
 * The engine's side of a backend's real-time cycle. A backend calls, once per cycle and in this order:
 * {@link #beginCycle}, {@link #input} for each incoming event in time order, then {@link #render}.
 *
 * <p>Every method is called on the backend's real-time thread: implementations must not allocate, block, lock or log.
 */
public interface RealTimeHandler {

    /**
     * A new cycle begins.
     *
     * @param firstFrame the backend's 64-bit frame counter at the cycle's first frame (never wraps)
     * @param frames     frames in this cycle
     * @param sampleRate frames per second
     * @param transport  the host's transport as read for this cycle; {@link TransportSnapshot#available()} is false
     *                   where the backend has none
     */
    void beginCycle(long firstFrame, int frames, int sampleRate, TransportSnapshot transport);

    /**
     * Raw bytes that arrived on the melody input at {@code frameOffset} in this cycle. The array is the backend's and
     * is reused: read it before returning.
     */
    void input(int frameOffset, byte[] data, int length);

    /** Writes this cycle's output; events must be written in non-decreasing frame order. */
    void render(MidiOutput output);
}
