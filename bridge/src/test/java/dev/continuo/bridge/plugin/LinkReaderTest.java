package dev.continuo.bridge.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.realtime.CaptureRecord;
import dev.continuo.bridge.realtime.PhrasePattern;
import dev.continuo.bridge.serve.CapturedPhrase;
import dev.continuo.bridge.serve.PhraseRecorder;
import dev.continuo.engine.roll.Note;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BLOCK and NOTE records in, the recorder's capture records out, exactly; settings and restored phrases. */
class LinkReaderTest {

    private final ByteBuffer buffer = ByteBuffer.allocate(LinkLayout.ringBytes(64)).order(ByteOrder.LITTLE_ENDIAN);
    private final LinkRing plugin = new LinkRing(buffer, 0, 64);
    private final List<String> heard = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private final LinkReader reader = new LinkReader(new LinkRing(buffer, 0, 64), (packed, value) -> heard.add(
            CaptureRecord.kind(packed) + " " + CaptureRecord.a(packed) + " " + CaptureRecord.b(packed) + " "
                    + CaptureRecord.c(packed) + " @" + Double.longBitsToDouble(value)), new LinkReader.Listener() {
                        @Override
                        public void setting(int id, double value) {
                            told.add("setting " + id + " = " + value);
                        }

                        @Override
                        public void restored(int index, PhrasePattern melody) {
                            StringBuilder notes = new StringBuilder("phrase " + index + " of " + melody.steps());
                            for (int note = 0; note < melody.noteCount(); note++) {
                                notes.append(' ').append(melody.pitch(note)).append('@').append(melody.startStep(note))
                                        .append('-').append(melody.endStep(note)).append('v')
                                        .append(melody.velocity(note));
                            }
                            told.add(notes.toString());
                        }
                    });

    private void restoreBegin(long index, double start, double length, int notes) {
        plugin.offer(new LinkRecord().set(LinkLayout.RESTORE_BEGIN, 0, 0, 0, 0, index, notes, start, length));
    }

    private void restoreNote(int pitch, double start, double end) {
        plugin.offer(new LinkRecord().set(LinkLayout.RESTORE_NOTE, 0, 0, pitch, 90, 0, 0, start, end));
    }

    private void restoreCommit(long index) {
        plugin.offer(new LinkRecord().set(LinkLayout.RESTORE_COMMIT, 0, 0, 0, 0, index, 0, 0, 0));
    }

    @Test
    void saysWhenTheBlocksWillHavePassedAStep() {
        assertEquals(Double.NaN, reader.millisUntilPassed(8), "no block yet");
        block(LinkLayout.ROLLING, 4, 4, 1.0);
        reader.drain();
        // The block ends at step 4.125; blocks of 7.8125 ms at 240 bpm are 1/8 step: 31 more pass step 8.
        assertEquals(31 * 7.8125, reader.millisUntilPassed(8), 1e-9);
        assertEquals(7.8125, reader.millisUntilPassed(4.126), 1e-9, "passed by the next block");
        assertEquals(0, reader.millisUntilPassed(4), "passed already: the next block, written by now or soon");
        block(0, 4, 4, 1.0);
        reader.drain();
        assertEquals(Double.NaN, reader.millisUntilPassed(8), "the transport stands");
    }

    @Test
    void aWatchedStepIsPassedByABlockThatEndsThereJumpsOrStands() {
        assertTrue(reader.passedWatched(), "nothing watched");
        block(LinkLayout.ROLLING, 4, 4, 1.0); // ends at step 4.125
        reader.drain();
        reader.watch(4.5);
        assertFalse(reader.passedWatched());
        assertEquals(2 * 7.8125, reader.millisUntilWatchedPassed(), 1e-9, "the third block from here passes it");
        block(LinkLayout.ROLLING, 4, 4, 1.03125);
        block(LinkLayout.ROLLING, 4, 4, 1.0625);
        reader.drain();
        assertFalse(reader.passedWatched(), "ends at 4.375");
        block(LinkLayout.ROLLING, 4, 4, 1.09375);
        reader.drain();
        assertTrue(reader.passedWatched(), "ends at 4.5");
        assertEquals(Double.NaN, reader.millisUntilWatchedPassed());
        reader.watch(8);
        block(LinkLayout.ROLLING | LinkLayout.JUMPED, 4, 4, 0.0);
        reader.drain();
        assertTrue(reader.passedWatched(), "a loop back passes it too");
        reader.watch(8);
        block(0, 4, 4, 0.25);
        reader.drain();
        assertTrue(reader.passedWatched(), "and a stop");
        reader.watch(4.0);
        assertTrue(reader.passedWatched(), "passed already when watched");
    }

    @Test
    void settingsGoToTheListenerAsTheyCome() {
        plugin.offer(new LinkRecord().set(LinkLayout.SETTING, 0, LinkLayout.PARAM_DENSITY, 0, 0, 0, 0, 0, 0.25));
        plugin.offer(new LinkRecord().set(LinkLayout.SETTING, 0, LinkLayout.PARAM_SEED, 0, 0, 0, 0, 0, 7));
        reader.drain();
        assertEquals(List.of("setting 4 = 0.25", "setting 5 = 7.0"), told);
    }

    @Test
    void aRestoredPhraseArrivesWholeOnTheSixteenthGrid() {
        restoreBegin(3, 24.0, 8.0, 2);
        restoreNote(72, 0.0, 2.0);
        restoreNote(74, 2.0, 3.75);
        restoreCommit(3);
        reader.drain();
        assertEquals(List.of("phrase 3 of 32 72@0-8v90 74@8-15v90"), told);
        assertEquals(1, reader.restored());
    }

    @Test
    void aRestoreNoPluginSendsIsDroppedAndCounted() {
        restoreBegin(3, 24.0, 8.0, 1);
        restoreNote(72, 0.0, 9.0); // ends after the phrase
        restoreCommit(3);
        restoreBegin(LinkReader.PHRASES, 0.0, 8.0, 0); // no such phrase
        restoreBegin(1, 8.0, 8.1, 0); // no whole sixteenth
        restoreBegin(2, 16.0, 8.0, 1); // more notes than announced
        restoreNote(60, 0.0, 1.0);
        restoreNote(62, 1.0, 2.0);
        restoreCommit(2);
        restoreBegin(4, 32.0, 8.0, 1); // broken off by another begin
        restoreBegin(5, 40.0, 8.0, 0);
        restoreCommit(6); // the wrong index
        restoreBegin(7, 56.0, 8.0, 2); // fewer notes than announced
        restoreNote(60, 0.0, 1.0);
        restoreCommit(7);
        reader.drain();
        assertEquals(List.of(), told);
        assertEquals(0, reader.restored());
        assertEquals(7, reader.ignored(), "each of the seven restores above");
    }

    private void block(int flags, int beatsPerBar, int beatUnit, double beat) {
        plugin.offer(new LinkRecord().set(LinkLayout.BLOCK, flags, beatsPerBar, beatUnit, 0, 375, 48000, beat, 240));
    }

    private void note(int status, int pitch, int velocity, double beat) {
        plugin.offer(new LinkRecord().set(LinkLayout.NOTE, 0, status, pitch, velocity, 3, 0, beat, 0));
    }

    @Test
    void eachBlockIsItsCycleBeforeItsNotesAndAJumpClosesWhatCameBefore() {
        int rolling = LinkLayout.ROLLING | LinkLayout.POSITION;
        block(rolling, 4, 4, 1.0);
        note(0x91, 60, 100, 1.0);
        assertEquals(2, reader.drain());
        assertEquals(List.of("2 1 1 16 @4.125", "1 1 60 100 @4.0"), heard, "as the real-time engine's cycles");
        block(rolling, 6, 8, 1.03125);
        note(0x81, 60, 64, 1.0390625);
        note(0x90, 62, 0, 1.046875);
        note(0xB0, 7, 100, 1.046875);
        plugin.offer(new LinkRecord().set(99, 0, 0, 0, 0, 0, 0, 0, 0));
        block(rolling | LinkLayout.JUMPED, 4, 4, 16.0);
        block(0, 0, 0, 16.0);
        reader.drain();
        // 375 frames at 48 kHz and 240 bpm are 1/32 beat, 1/8 step.
        assertEquals(List.of("2 1 1 16 @4.125", "1 1 60 100 @4.0", "2 1 1 12 @4.25", "1 1 60 0 @4.15625",
                "1 0 62 0 @4.1875", "2 1 0 16 @64.125", "2 0 1 0 @0.0"), heard);
        assertEquals(4, reader.blocks());
        assertEquals(3, reader.notes());
        assertEquals(2, reader.ignored(), "a control change and an unknown kind");
        block(rolling, 4, 4, 16.03125);
        reader.drain();
        assertEquals("2 1 1 16 @64.25", heard.get(heard.size() - 1));
        assertEquals("2 0 1 0 @0.0", heard.get(heard.size() - 2), "a stopped transport's cycle has no position");
    }

    @Test
    void notesWhileTheTransportStandsStillAreLeftOut() {
        block(0, 4, 4, 8.0);
        note(0x90, 60, 100, 8.0);
        note(0x80, 60, 0, 8.0);
        block(LinkLayout.ROLLING | LinkLayout.POSITION, 4, 4, 8.0);
        note(0x90, 62, 90, 8.0);
        reader.drain();
        assertEquals(List.of("2 0 1 16 @0.0", "2 1 1 16 @32.125", "1 0 62 90 @32.0"), heard);
        assertEquals(2, reader.notesWhileStopped());
        assertEquals(1, reader.notes());
    }

    @Test
    void aPhraseClosesWithTheBlockAfterTheOneThatMakesItCompleteAndLaterNotesChangeNothing() {
        List<CapturedPhrase> phrases = new ArrayList<>();
        PhraseRecorder recorder = new PhraseRecorder(1, phrases::add, new PhraseRecorder.ControlListener() {
            @Override
            public void programChange(int program) {
            }

            @Override
            public void controlChange(int controller, int value) {
            }
        });
        LinkReader toRecorder = new LinkReader(new LinkRing(buffer, 0, 64), recorder::accept, null);
        int rolling = LinkLayout.ROLLING | LinkLayout.POSITION;
        // Blocks of 1/8 step (375 frames at 48 kHz, 240 bpm); block 123 ends at step 15.5: the phrase is complete.
        for (int block = 0; block <= 123; block++) {
            block(rolling, 4, 4, block / 32.0);
            if (block == 0) {
                note(0x90, 60, 100, 0.0);
            } else if (block == 32) {
                note(0x80, 60, 0, 1.0);
            } else if (block == 112) {
                note(0x90, 64, 90, 3.5);
            }
            toRecorder.drain();
        }
        assertTrue(phrases.isEmpty(), "block 123's notes may still come");
        assertEquals(0, toRecorder.millisUntilPassed(recorder.openPhraseCompleteStep()), "a round may close it now");
        block(rolling, 4, 4, 124 / 32.0);
        note(0x80, 64, 0, 124 / 32.0); // step 15.5: rounds to the phrase's end, where the held note is cut anyway
        note(0x90, 67, 80, 124 / 32.0); // rounds into the next phrase
        toRecorder.drain();
        assertEquals(1, phrases.size());
        assertEquals(List.of(new Note(60, 0, 4, 100), new Note(64, 14, 2, 90)), phrases.get(0).melody().notes());
        assertTrue(phrases.get(0).complete());
        assertEquals(31.5, recorder.openPhraseCompleteStep(), "the next phrase, with its first note");
    }
}
