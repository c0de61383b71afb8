package dev.continuo.bridge.cycle;

/** Where a {@link RealTimeHandler} writes a cycle's output. Called on the real-time thread. */
public interface MidiOutput {

    /**
     * Writes one short message (1–3 bytes) to an output port at a frame offset within the current cycle.
     *
     * @param port        0 for the first accompaniment port (the only one in {@link PortLayout#SINGLE})
     * @param frameOffset 0 ≤ offset &lt; frames of the cycle, not less than the previous write's offset
     * @return false if the backend could not take the event (buffer full); the caller counts it as lost
     */
    boolean write(int port, int frameOffset, int status, int data1, int data2, int length);
}
