package dev.continuo.bridge.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveNotesTest {

    private final OutputQueue queue = new OutputQueue(64);
    private final RecordingOutput out = new RecordingOutput();

    private List<String> flush() {
        out.events.clear();
        out.beginCycle(0, 6000);
        queue.flush(out);
        return out.described();
    }

    @Test
    void restartingASoundingKeyEndsItFirst() {
        ActiveNotes active = new ActiveNotes(4);
        active.start(queue, 10, 0, 0, 60, 100, 4);
        active.start(queue, 20, 0, 0, 60, 90, 8);
        assertEquals(1, active.count());
        assertEquals(List.of("000000010 on p0 ch0 n60 v100", "000000020 off p0 ch0 n60",
                "000000020 on p0 ch0 n60 v90"), flush());
    }

    @Test
    void tooManyNotesAreRefusedAndCounted() {
        ActiveNotes active = new ActiveNotes(2);
        assertTrue(active.start(queue, 0, 0, 0, 60, 100, 4));
        assertTrue(active.start(queue, 0, 0, 0, 61, 100, 4));
        assertFalse(active.start(queue, 0, 0, 0, 62, 100, 4));
        assertEquals(1, active.overflows());
        assertEquals(2, flush().size());
    }

    @Test
    void endDueEndsOnlyNotesDueInTheRangeAtTheirFrame() {
        ActiveNotes active = new ActiveNotes(8);
        active.start(queue, 0, 0, 0, 60, 100, 10.5);
        active.start(queue, 0, 0, 1, 61, 100, 11.0);
        active.start(queue, 0, 0, 2, 62, 100, ActiveNotes.UNTIL_RELEASED);
        flush();
        // Cycle covering steps [10, 11) at 1000 frames a step.
        active.endDue(queue, 10, 11, 10, 1000, 1000);
        assertEquals(List.of("000000500 off p0 ch0 n60"), flush());
        active.endScheduled(queue, 3);
        assertEquals(List.of("000000003 off p0 ch1 n61"), flush());
        assertEquals(1, active.count(), "echoed notes stay");
        active.stop(queue, 4, 0, 2, 62);
        active.stop(queue, 5, 0, 2, 62);
        assertEquals(List.of("000000004 off p0 ch2 n62"), flush());
    }

    @Test
    void panicSendsSustainOffAndAllNotesOffOnEveryUsedChannel() {
        ActiveNotes active = new ActiveNotes(8);
        active.start(queue, 0, 1, 3, 60, 100, 4);
        active.use(2, 15);
        active.start(queue, 0, 0, 0, 50, 100, ActiveNotes.UNTIL_RELEASED);
        flush();
        active.panic(queue, 0);
        assertEquals(List.of(
                "000000000 B0 64 0 p0", "000000000 B0 123 0 p0",
                "000000000 B3 64 0 p1", "000000000 B3 123 0 p1",
                "000000000 BF 64 0 p2", "000000000 BF 123 0 p2",
                "000000000 off p0 ch0 n50", "000000000 off p1 ch3 n60"), flush());
        assertEquals(0, active.count());
    }
}
