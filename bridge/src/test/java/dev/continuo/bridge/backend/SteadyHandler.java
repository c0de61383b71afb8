package dev.continuo.bridge.backend;

import dev.continuo.bridge.cycle.MidiOutput;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.TransportSnapshot;

/**
 * A handler for allocation tests and exact-timing tests that allocates nothing: every cycle it writes a note-on and a
 * note-off to each output port at fixed offsets, and it records (in preallocated arrays, the latest
 * {@value #CAPACITY}) each cycle's first frame and each input message's absolute frame and first three bytes.
 */
public final class SteadyHandler implements RealTimeHandler {

    public static final int CAPACITY = 1 << 16;
    public static final int NOTE_ON_OFFSET = 5;
    public static final int NOTE_OFF_OFFSET = 40;

    private final int ports;
    private final long[] cycleFrames = new long[CAPACITY];
    private final long[] inputFrames = new long[CAPACITY];
    private final int[] inputMessages = new int[CAPACITY];
    private volatile int cycles;
    private volatile int inputs;
    private long firstFrame;

    /** @param ports output ports to write to each cycle */
    public SteadyHandler(int ports) {
        this.ports = ports;
    }

    @Override
    public void beginCycle(long first, int frames, int sampleRate, TransportSnapshot transport) {
        firstFrame = first;
        cycleFrames[cycles & (CAPACITY - 1)] = first;
        cycles = cycles + 1;
    }

    @Override
    public void input(int frameOffset, byte[] data, int length) {
        int message = 0;
        for (int i = 0; i < 3; i++) {
            message = message << 8 | (i < length ? data[i] & 0xFF : 0);
        }
        inputFrames[inputs & (CAPACITY - 1)] = firstFrame + frameOffset;
        inputMessages[inputs & (CAPACITY - 1)] = message;
        inputs = inputs + 1;
    }

    @Override
    public void render(MidiOutput output) {
        for (int port = 0; port < ports; port++) {
            output.write(port, NOTE_ON_OFFSET, 0x90 | port, 60 + port, 100, 3);
            output.write(port, NOTE_OFF_OFFSET, 0x80 | port, 60 + port, 0, 3);
        }
    }

    public int cycles() {
        return cycles;
    }

    /** The first frame of cycle {@code index} (counted from the first). */
    public long cycleFrame(int index) {
        return cycleFrames[index & (CAPACITY - 1)];
    }

    public int inputs() {
        return inputs;
    }

    /** Input message {@code index}'s first three bytes as 0xSSDDDD. */
    public int inputMessage(int index) {
        return inputMessages[index & (CAPACITY - 1)];
    }

    /** The absolute frame input message {@code index} was delivered at. */
    public long inputFrame(int index) {
        return inputFrames[index & (CAPACITY - 1)];
    }
}
