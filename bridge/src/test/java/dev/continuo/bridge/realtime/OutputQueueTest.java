package dev.continuo.bridge.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputQueueTest {

    private final RecordingOutput out = new RecordingOutput();

    private List<String> flush(OutputQueue queue) {
        out.events.clear();
        out.beginCycle(0, 1024);
        queue.flush(out);
        return out.described();
    }

    @Test
    void writesInFrameOrder() {
        OutputQueue queue = new OutputQueue(16);
        queue.add(300, 0, 0x90, 60, 100);
        queue.add(10, 1, 0x91, 62, 90);
        queue.add(200, 0, 0x80, 60, 0);
        queue.add(0, 2, 0xC2, 5, 0);
        assertEquals(List.of(
                "000000000 C2 5 0 p2",
                "000000010 on p1 ch1 n62 v90",
                "000000200 off p0 ch0 n60",
                "000000300 on p0 ch0 n60 v100"), flush(queue));
    }

    @Test
    void atTheSameFrameNoteOffsAndControllersComeBeforeNoteOns() {
        OutputQueue queue = new OutputQueue(16);
        queue.add(50, 0, 0x90, 60, 100);
        queue.add(50, 0, 0x80, 60, 0);
        queue.add(50, 0, 0x91, 64, 80);
        queue.add(50, 0, 0x90, 67, 0);
        queue.add(50, 0, 0xB0, 123, 0);
        queue.add(49, 0, 0x90, 1, 1);
        assertEquals(List.of(
                "000000049 on p0 ch0 n1 v1",
                "000000050 off p0 ch0 n60",
                "000000050 off p0 ch0 n67",
                "000000050 B0 123 0 p0",
                "000000050 on p0 ch0 n60 v100",
                "000000050 on p0 ch1 n64 v80"), flush(queue));
    }

    @Test
    void keepsInsertionOrderAmongEqualKinds() {
        OutputQueue queue = new OutputQueue(64);
        for (int i = 0; i < 20; i++) {
            queue.add(7, 0, 0x90, 40 + i, 100);
            queue.add(7, 1, 0xB3, i, 127 - i);
        }
        List<String> written = flush(queue);
        assertEquals(40, written.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(String.format("000000007 B3 %d %d p1", i, 127 - i), written.get(i));
            assertEquals(String.format("000000007 on p0 ch0 n%d v100", 40 + i), written.get(20 + i));
        }
    }

    @Test
    void aCutDropsTheNoteOnsPlayedAheadFromItsFrameAndMovesTheRestToItButNotLaterEvents() {
        OutputQueue queue = new OutputQueue(16);
        queue.add(100, 0, 0x90, 60, 100); // played ahead: before the cut, kept
        queue.add(500, 0, 0x90, 62, 100); // at the cut: dropped
        queue.add(700, 0, 0x80, 60, 0); // after it: moved to it
        queue.add(800, 1, 0xC1, 5, 0);
        queue.add(900, 0, 0x90, 64, 100);
        int played = queue.queued();
        queue.add(600, 0, 0x92, 70, 90); // queued after the mark (an echo of the input): kept where it is
        queue.cutFrom(played, 500);
        assertEquals(List.of(
                "000000100 on p0 ch0 n60 v100",
                "000000500 off p0 ch0 n60",
                "000000500 C1 5 0 p1",
                "000000600 on p0 ch2 n70 v90"), flush(queue));
    }

    @Test
    void twoByteMessagesAreWrittenWithLengthTwo() {
        OutputQueue queue = new OutputQueue(4);
        queue.add(0, 0, 0xC5, 10, 0);
        queue.add(0, 0, 0xD5, 20, 0);
        queue.add(0, 0, 0xE5, 0, 64);
        flush(queue);
        assertEquals(List.of(2, 2, 3), out.events.stream().map(RecordingOutput.Event::length).toList());
    }

    @Test
    void overflowIsCountedAsLostAndTheQueueIsReusable() {
        OutputQueue queue = new OutputQueue(2);
        queue.add(0, 0, 0x90, 60, 100);
        queue.add(1, 0, 0x90, 61, 100);
        queue.add(2, 0, 0x90, 62, 100);
        assertEquals(1, queue.lost());
        assertEquals(List.of("000000000 on p0 ch0 n60 v100", "000000001 on p0 ch0 n61 v100"), flush(queue));
        queue.add(5, 0, 0x80, 60, 0);
        assertEquals(List.of("000000005 off p0 ch0 n60"), flush(queue));
        assertEquals(1, queue.lost());
    }

    @Test
    void eventsTheOutputRefusesAreCountedAsLost() {
        OutputQueue queue = new OutputQueue(8);
        for (int i = 0; i < 5; i++) {
            queue.add(i, 0, 0x90, 60 + i, 100);
        }
        out.accepting = 2;
        assertEquals(2, flush(queue).size());
        assertEquals(3, queue.lost());
    }

    @Test
    void manyRandomEventsComeOutSortedByFrameThenEndingsFirst() {
        OutputQueue queue = new OutputQueue(512);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 500; i++) {
            int frame = random.nextInt(64);
            int kind = random.nextInt(3);
            queue.add(frame, 0, kind == 0 ? 0x90 : kind == 1 ? 0x80 : 0xB0, i & 0x7F, kind == 0 ? 100 : 0);
        }
        flush(queue);
        assertEquals(500, out.events.size());
        for (int i = 1; i < out.events.size(); i++) {
            RecordingOutput.Event previous = out.events.get(i - 1);
            RecordingOutput.Event event = out.events.get(i);
            if (previous.frame() == event.frame()) {
                assertEquals(false, previous.noteOn() && !event.noteOn(), "ending after note-on at " + event);
            }
        }
    }
}
