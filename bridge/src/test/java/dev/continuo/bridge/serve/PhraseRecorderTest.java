package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.bridge.realtime.CaptureRecord;
import dev.continuo.engine.roll.Note;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseRecorderTest {

    private final List<CapturedPhrase> handed = new ArrayList<>();
    private final List<String> controls = new ArrayList<>();
    private final PhraseRecorder recorder = new PhraseRecorder(2, handed::add, new PhraseRecorder.ControlListener() {
        @Override
        public void programChange(int program) {
            controls.add("PC " + program);
        }

        @Override
        public void controlChange(int controller, int value) {
            controls.add("CC " + controller + " " + value);
        }
    });

    private void cycle(double endStep, boolean rolling, boolean contiguous, boolean loops) {
        recorder.accept(CaptureRecord.pack(CaptureRecord.CYCLE, rolling ? 1 : 0,
                (contiguous ? 1 : 0) | (loops ? 2 : 0), 16), Double.doubleToRawLongBits(endStep));
    }

    private void cycle(double endStep) {
        cycle(endStep, true, true, false);
    }

    private void note(int pitch, int velocity, double step) {
        recorder.accept(CaptureRecord.pack(CaptureRecord.NOTE, 0, pitch, velocity), Double.doubleToRawLongBits(step));
    }

    /** Cycles of a quarter step each, from {@code from} (exclusive) to {@code to} (inclusive). */
    private void rollTo(double from, double to) {
        for (double end = from + 0.25; end <= to + 1e-9; end += 0.25) {
            cycle(end);
        }
    }

    private static List<Note> notes(CapturedPhrase phrase) {
        return phrase.melody().notes();
    }

    @Test
    void quantizesToTheNearestStepAndHandsThePhraseOverTheCycleAfterItsEnd() {
        cycle(0.25, true, false, false);
        note(60, 100, 0.2);
        rollTo(0.25, 4.0);
        note(60, 0, 3.9);
        note(62, 80, 4.4);
        rollTo(4.0, 6.0);
        note(62, 0, 5.6);
        note(64, 70, 9.49);
        note(64, 0, 9.51);
        rollTo(6.0, 31.25);
        cycle(31.6);
        assertTrue(handed.isEmpty(), "the cycle reaching 31.5 has not been followed yet");
        cycle(31.9);
        assertEquals(1, handed.size());
        CapturedPhrase phrase = handed.get(0);
        assertEquals(0, phrase.phrase());
        assertEquals(0, phrase.bookIndex());
        assertEquals(32, phrase.melody().steps());
        assertEquals(List.of(new Note(60, 0, 4, 100), new Note(62, 4, 2, 80), new Note(64, 9, 1, 70)),
                notes(phrase));
        assertTrue(phrase.complete());
    }

    @Test
    void anOnsetAtStep31Point6BelongsToTheNextPhrase() {
        cycle(1, true, false, false);
        note(60, 100, 0);
        note(60, 0, 2);
        rollTo(1, 31.5);
        note(67, 90, 31.6);
        assertEquals(1, handed.size(), "the onset in the next phrase completes this one");
        assertEquals(List.of(new Note(60, 0, 2, 100)), notes(handed.get(0)));
        rollTo(31.75, 33);
        note(67, 0, 33.1);
        rollTo(33, 64);
        assertEquals(2, handed.size());
        assertEquals(1, handed.get(1).phrase());
        assertEquals(1, handed.get(1).bookIndex());
        assertEquals(List.of(new Note(67, 0, 1, 90)), notes(handed.get(1)));
        assertTrue(handed.get(0).complete(), "closed by the next phrase's onset");
    }

    @Test
    void tellsWhereThePhraseBeingCapturedEndsSoThatHousekeepingCanComeThen() {
        assertTrue(Double.isNaN(recorder.openPhraseEnd()), "nothing heard yet");
        cycle(1, true, false, false);
        note(60, 100, 33);
        assertEquals(64, recorder.openPhraseEnd(), "2-bar phrases: the second ends at step 64");
        note(60, 0, 36);
        rollTo(1, 64);
        assertEquals(1, handed.size());
        assertTrue(Double.isNaN(recorder.openPhraseEnd()), "closed, and nothing held into the next");
    }

    @Test
    void transportStopClosesThePhraseWithoutCarrying() {
        cycle(1, true, false, false);
        note(60, 100, 0.1);
        note(60, 0, 2.0);
        note(62, 100, 8);
        rollTo(1, 10);
        cycle(0, false, false, false);
        assertEquals(1, handed.size());
        // A note still held at the stop ends at the phrase end (PhraseRecorder.close).
        assertEquals(List.of(new Note(60, 0, 2, 100), new Note(62, 8, 24, 100)), notes(handed.get(0)));
        assertFalse(handed.get(0).complete(), "the stop cut the take short");
        note(62, 0, 12);
        cycle(1, true, false, false);
        rollTo(1, 64);
        assertEquals(1, handed.size(), "nothing carried past a stop");
    }

    @Test
    void aStopInThePhrasesLastHalfStepLeavesNoTakeOfTheNextWithTheNoteHeldOverTheBarLine() {
        cycle(1, true, false, false);
        note(60, 100, 0.1);
        note(60, 0, 2.0);
        note(64, 100, 28.0); // held over the bar line; its note-off never comes (the input was cut)
        rollTo(1, 31.5);
        cycle(31.75);
        assertEquals(1, handed.size(), "complete half a step before its end");
        assertEquals(List.of(new Note(60, 0, 2, 100), new Note(64, 28, 4, 100)), notes(handed.get(0)));
        cycle(0, false, false, false); // stopped at 31.75, before the next phrase began
        assertEquals(1, handed.size(), "no take of phrase 2 made of the note carried into it");
        cycle(1, true, false, false);
        rollTo(1, 64);
        assertEquals(1, handed.size());
    }

    @Test
    void aJumpClosesThePhrase() {
        cycle(1, true, false, false);
        note(60, 100, 0);
        note(60, 0, 1);
        cycle(100, true, false, false);
        assertEquals(1, handed.size());
        assertFalse(handed.get(0).complete(), "the jump cut the take short");
    }

    @Test
    void aNoteHeldAcrossTheBoundaryIsCutAndCarried() {
        cycle(1, true, false, false);
        note(60, 100, 28);
        rollTo(1, 34);
        assertEquals(1, handed.size());
        assertEquals(List.of(new Note(60, 28, 4, 100)), notes(handed.get(0)));
        note(60, 0, 35.2);
        rollTo(34, 64.5);
        assertEquals(2, handed.size());
        assertEquals(List.of(new Note(60, 0, 3, 100)), notes(handed.get(1)));
    }

    @Test
    void aNoteReleasedAtTheBoundaryAfterTheCloseLeavesNoPhantomNote() {
        cycle(1, true, false, false);
        note(60, 100, 28);
        rollTo(1, 31.6);
        cycle(31.9); // closes phrase 0, carries 60 into phrase 1
        note(60, 0, 31.8); // released before the bar line, in the same cycle
        rollTo(31.9, 70);
        assertEquals(1, handed.size(), "phrase 1 was not played in: " + handed);
    }

    @Test
    void emptyPhrasesAreNotHandedOver() {
        cycle(1, true, false, false);
        note(60, 100, 3);
        note(60, 0, 4);
        rollTo(1, 200);
        assertEquals(1, handed.size());
        assertEquals(0, handed.get(0).phrase());
    }

    @Test
    void loopModeUsesBookIndexZero() {
        cycle(1, true, false, true);
        for (double end = 1.25; end <= 70; end += 0.25) {
            cycle(end, true, true, true);
            if (end == 40) {
                note(65, 90, 40);
                note(65, 0, 42);
            }
        }
        assertEquals(1, handed.size());
        assertEquals(1, handed.get(0).phrase());
        assertEquals(0, handed.get(0).bookIndex());
        assertEquals(List.of(new Note(65, 8, 2, 90)), notes(handed.get(0)));
    }

    @Test
    void programAndControlChangesReachTheListener() {
        recorder.accept(CaptureRecord.pack(CaptureRecord.PROGRAM, 5, 0, 0), 0);
        recorder.accept(CaptureRecord.pack(CaptureRecord.CONTROL, 7, 100, 0), 0);
        recorder.accept(CaptureRecord.pack(99, 1, 2, 3), 0);
        assertEquals(List.of("PC 5", "CC 7 100"), controls);
    }

    @Test
    void drainTakesEveryWaitingRecordInOrder() {
        SpscRing ring = new SpscRing(16);
        ring.offer(CaptureRecord.pack(CaptureRecord.PROGRAM, 1, 0, 0), 0);
        ring.offer(CaptureRecord.pack(CaptureRecord.PROGRAM, 2, 0, 0), 0);
        ring.offer(CaptureRecord.pack(CaptureRecord.CONTROL, 64, 127, 0), 0);
        assertEquals(3, recorder.drain(ring, new long[2]));
        assertEquals(0, recorder.drain(ring, new long[2]));
        assertEquals(List.of("PC 1", "PC 2", "CC 64 127"), controls);
    }

    @Test
    void captureRecordFieldsRoundTrip() {
        long packed = CaptureRecord.pack(CaptureRecord.NOTE, 15, 127, 0xFFFF);
        assertEquals(CaptureRecord.NOTE, CaptureRecord.kind(packed));
        assertEquals(15, CaptureRecord.a(packed));
        assertEquals(127, CaptureRecord.b(packed));
        assertEquals(0xFFFF, CaptureRecord.c(packed));
    }
}
