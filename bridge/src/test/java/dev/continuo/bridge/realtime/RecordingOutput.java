package dev.continuo.bridge.realtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.cycle.MidiOutput;
import java.util.ArrayList;
import java.util.List;

/** A MidiOutput that records every write with its absolute frame and checks the backend contract. */
final class RecordingOutput implements MidiOutput {

    record Event(long frame, int port, int status, int data1, int data2, int length) {

        boolean noteOn() {
            return (status & 0xF0) == 0x90 && data2 > 0;
        }

        boolean noteOff() {
            return (status & 0xF0) == 0x80 || (status & 0xF0) == 0x90 && data2 == 0;
        }

        int channel() {
            return status & 0x0F;
        }

        /** e.g. "000012000 on p0 ch1 n60 v100" or "000018000 off p0 ch1 n60". */
        String describe() {
            if (noteOn()) {
                return String.format("%09d on p%d ch%d n%d v%d", frame, port, channel(), data1, data2);
            }
            if (noteOff()) {
                return String.format("%09d off p%d ch%d n%d", frame, port, channel(), data1);
            }
            return String.format("%09d %02X %d %d p%d", frame, status, data1, data2, port);
        }
    }

    final List<Event> events = new ArrayList<>();
    private long cycleStart;
    private int cycleFrames = Integer.MAX_VALUE;
    private int lastOffset;
    int accepting = Integer.MAX_VALUE;

    void beginCycle(long firstFrame, int frames) {
        cycleStart = firstFrame;
        cycleFrames = frames;
        lastOffset = 0;
    }

    @Override
    public boolean write(int port, int frameOffset, int status, int data1, int data2, int length) {
        assertTrue(frameOffset >= lastOffset, "offsets must not decrease: " + frameOffset + " after " + lastOffset);
        assertTrue(frameOffset >= 0 && frameOffset < cycleFrames, "offset outside the cycle: " + frameOffset);
        lastOffset = frameOffset;
        if (accepting <= 0) {
            return false;
        }
        accepting--;
        events.add(new Event(cycleStart + frameOffset, port, status, data1, data2, length));
        return true;
    }

    List<String> described() {
        return events.stream().map(Event::describe).toList();
    }
}
