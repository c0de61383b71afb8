package dev.continuo.bridge.realtime;

import static dev.continuo.bridge.realtime.PlayerRig.part;
import static dev.continuo.bridge.realtime.PlayerRig.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.serve.PhrasePatterns;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlayerTest {

    private static final int STEP = 6000; // frames per sixteenth at 48 kHz, 120 bpm

    private static String on(long frame, int port, int channel, int pitch, int velocity) {
        return String.format("%09d on p%d ch%d n%d v%d", frame, port, channel, pitch, velocity);
    }

    private static String off(long frame, int port, int channel, int pitch) {
        return String.format("%09d off p%d ch%d n%d", frame, port, channel, pitch);
    }

    private static String program(long frame, int port, int channel, int program) {
        return String.format("%09d %02X %d 0 p%d", frame, 0xC0 | channel, program, port);
    }

    private static List<String> sorted(List<String> events) {
        return events.stream().sorted().toList();
    }

    /** Every note-on of a key is followed by exactly one note-off of that key before the next note-on. */
    private static void assertEveryNoteOnEndsOnce(List<RecordingOutput.Event> events) {
        Map<Integer, Integer> sounding = new HashMap<>();
        for (RecordingOutput.Event event : events) {
            int key = event.port() << 16 | event.channel() << 8 | event.data1();
            if (event.noteOn()) {
                assertEquals(0, sounding.getOrDefault(key, 0), "note-on while sounding: " + event.describe());
                sounding.put(key, 1);
            } else if (event.noteOff()) {
                assertEquals(1, sounding.getOrDefault(key, 0), "note-off without note-on: " + event.describe());
                sounding.put(key, 0);
            }
        }
        sounding.forEach((key, count) -> assertEquals(0, count, "still sounding: " + Integer.toHexString(key)));
    }

    @Test
    void notesOfASkippedCycleComeAtTheStartOfTheNextAndTheGridStaysLocked() {
        PlayerRig rig = new PlayerRig(48_000, 120, 0, 2, false, PortLayout.SINGLE);
        rig.book.put(0, pattern(32, part(0, 32, new Note(60, 1, 1, 100), new Note(62, 2, 1, 100))));
        rig.runUntil(5888, 256);
        rig.skip(256); // 5888..6143 holds the onset at step 1 (frame 6000): it never ran
        rig.runUntil(3 * STEP + 256, 256);
        assertEquals(List.of(on(6144, 0, 0, 60, 100), off(2 * STEP, 0, 0, 60), on(2 * STEP, 0, 0, 62, 100),
                off(3 * STEP, 0, 0, 62)), rig.notes());
    }

    @Test
    void notesLandOnTheGridLoopEveryPassAndEndOnStop() {
        PlayerRig rig = new PlayerRig(48_000, 120, 1, 2, false, PortLayout.SINGLE);
        rig.book.put(0, pattern(32,
                part(0, 32, new Note(60, 0, 4, 100), new Note(64, 8, 2, 90), new Note(67, 31, 1, 80)),
                part(1, 32, new Note(48, 0, 32, 70)),
                part(2, 32, new Note(72, 15, 3, 60))));
        long origin = 16 * STEP; // one bar of count-in
        long end = origin + 3 * 32 * STEP;
        rig.runUntil(end, 256);
        assertEquals(end, rig.frame);
        rig.stop(256);

        List<String> expected = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            long phrase = origin + pass * 32L * STEP;
            expected.add(on(phrase, 0, 0, 60, 100));
            expected.add(off(phrase + 4 * STEP, 0, 0, 60));
            expected.add(on(phrase + 8 * STEP, 0, 0, 64, 90));
            expected.add(off(phrase + 10 * STEP, 0, 0, 64));
            expected.add(on(phrase + 31 * STEP, 0, 0, 67, 80));
            expected.add(off(phrase + 32 * STEP, 0, 0, 67));
            expected.add(on(phrase, 0, 1, 48, 70));
            expected.add(off(phrase + 32 * STEP, 0, 1, 48));
            expected.add(on(phrase + 15 * STEP, 0, 2, 72, 60));
            expected.add(off(phrase + 18 * STEP, 0, 2, 72));
        }
        assertEquals(sorted(expected), rig.notes());
        assertEveryNoteOnEndsOnce(rig.out.events);
        assertEquals(0, rig.active.count());
        assertEquals(2, rig.player.currentPhrase());
    }

    @Test
    void countInClicksEveryBeatAndNothingElse() {
        PlayerRig rig = new PlayerRig(48_000, 120, 1, 2, false, PortLayout.SINGLE);
        rig.runUntil(16 * STEP, 256);
        List<String> clicks = rig.out.described();
        assertEquals(List.of(
                on(0, 0, 9, 76, 110), off(STEP, 0, 9, 76),
                on(4 * STEP, 0, 9, 77, 80), off(5 * STEP, 0, 9, 77),
                on(8 * STEP, 0, 9, 77, 80), off(9 * STEP, 0, 9, 77),
                on(12 * STEP, 0, 9, 77, 80), off(13 * STEP, 0, 9, 77)), clicks);
        rig.runUntil(40 * STEP, 256);
        assertEquals(8, rig.out.events.size(), "no click after the count-in");
    }

    @Test
    void sameKeyEndingAndRestartingAtTheSameFrameIsOffThenOn() {
        PlayerRig rig = new PlayerRig(48_000, 120, 0, 1, false, PortLayout.SINGLE);
        rig.book.put(0, pattern(16, part(0, 16, new Note(60, 0, 16, 100))));
        rig.runUntil(32 * STEP, 256);
        List<String> written = rig.out.described();
        assertEquals(List.of(program(0, 0, 0, 0), on(0, 0, 0, 60, 100), off(16 * STEP, 0, 0, 60),
                on(16 * STEP, 0, 0, 60, 100)), written);
    }

    @Test
    void replacingThePatternMidPhraseEndsSoundingNotesAndChasesTheNewOnes() {
        PlayerRig rig = new PlayerRig(48_000, 120, 0, 2, false, PortLayout.SINGLE);
        rig.book.put(0, pattern(32,
                part(0, 32, new Note(60, 0, 16, 100)),
                part(1, 32, new Note(48, 8, 4, 90), new Note(50, 20, 4, 90))));
        long swapFrame = 246 * 256; // 62,976: step 10.496
        rig.runUntil(swapFrame, 256);
        assertEquals(List.of(on(0, 0, 0, 60, 100), on(8 * STEP, 0, 1, 48, 90)), rig.notes());

        rig.book.put(0, pattern(32,
                part(0, 32, new Note(60, 0, 20, 110), new Note(67, 4, 12, 100), new Note(65, 10, 1, 100),
                        new Note(72, 12, 4, 100)),
                part(1, 32, new Note(53, 9, 2, 80))));
        rig.runUntil(32 * STEP, 256);
        rig.stop(256);

        assertEquals(sorted(List.of(
                off(swapFrame, 0, 0, 60), off(swapFrame, 0, 1, 48),
                on(swapFrame, 0, 0, 60, 110), on(swapFrame, 0, 0, 67, 100),
                on(12 * STEP, 0, 0, 72, 100),
                off(16 * STEP, 0, 0, 67), off(16 * STEP, 0, 0, 72),
                off(20 * STEP, 0, 0, 60))), rig.notesBetween(swapFrame, Long.MAX_VALUE));
        // At the swap frame the note-offs come first.
        List<RecordingOutput.Event> atSwap = rig.out.events.stream().filter(e -> e.frame() == swapFrame).toList();
        assertTrue(atSwap.get(0).noteOff() && atSwap.get(1).noteOff(), atSwap.toString());
        assertEveryNoteOnEndsOnce(rig.out.events);
        assertEquals(1, rig.player.currentPass());
    }

    @Test
    void aPatternArrivingLateInThePhraseIsChased() {
        PlayerRig rig = new PlayerRig(48_000, 120, 0, 1, false, PortLayout.SINGLE);
        rig.runUntil(5 * STEP + 256 * 3, 256);
        long arrival = rig.frame;
        rig.book.put(0, pattern(16, part(3, 16, new Note(40, 2, 10, 90), new Note(41, 9, 3, 90))));
        rig.runUntil(16 * STEP, 256);
        assertEquals(sorted(List.of(on(arrival, 0, 3, 40, 90), on(9 * STEP, 0, 3, 41, 90),
                off(12 * STEP, 0, 3, 40), off(12 * STEP, 0, 3, 41))), rig.notes());
    }

    @Test
    void stoppingEndsEveryNoteAtOnceAndPlaysNothingWhileStopped() {
        PlayerRig rig = new PlayerRig(48_000, 120, 0, 2, false, PortLayout.SPLIT);
        rig.book.put(0, pattern(32,
                part(0, 32, new Note(60, 0, 32, 100)),
                part(1, 32, new Note(62, 2, 20, 100)),
                part(3, 32, new Note(36, 4, 8, 100))));
        rig.runUntil(5 * STEP, 256);
        long stopFrame = rig.frame;
        rig.stop(256);
        for (int i = 0; i < 1000; i++) {
            rig.stop(256);
        }
        assertEquals(sorted(List.of(
                on(0, 0, 0, 60, 100), on(2 * STEP, 1, 1, 62, 100), on(4 * STEP, 2, 3, 36, 100),
                off(stopFrame, 0, 0, 60), off(stopFrame, 1, 1, 62), off(stopFrame, 2, 3, 36))), rig.notes());
        assertEquals(0, rig.active.count());
    }

    @Test
    void partPerPassPlaysPartKAloneOnPassKThenAll() {
        PlayerRig rig = new PlayerRig(48_000, 120, 0, 1, true, PortLayout.SINGLE);
        rig.book.put(0, pattern(16,
                part(0, 16, new Note(60, 0, 4, 100)),
                part(1, 16, new Note(61, 0, 4, 100)),
                part(2, 16, new Note(62, 0, 4, 100)),
                part(3, 16, new Note(63, 0, 4, 100))));
        List<Integer> passes = new ArrayList<>();
        for (int phrase = 0; phrase < 6; phrase++) {
            rig.runUntil((phrase * 16L + 8) * STEP, 256);
            passes.add(rig.player.currentPass());
        }
        rig.runUntil(6 * 16 * STEP, 256);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), passes);
        for (int phrase = 0; phrase < 6; phrase++) {
            long start = phrase * 16L * STEP;
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                if (phrase >= 4 || k == phrase) {
                    expected.add(on(start, 0, k, 60 + k, 100));
                    expected.add(off(start + 4 * STEP, 0, k, 60 + k));
                }
            }
            assertEquals(sorted(expected), rig.notesBetween(start, start + 16L * STEP), "phrase " + phrase);
        }
    }

    @Test
    void nonIntegerFramesPerStepEmitsEveryEventExactlyOnceOnTheNearestFrame() {
        double framesPerStep = 44_100 * 60.0 / (120 * 4);
        assertEquals(5512.5, framesPerStep);
        PlayerRig rig = new PlayerRig(44_100, 120, 1, 2, false, PortLayout.SINGLE);
        List<Note> lead = new ArrayList<>();
        List<Note> bass = new ArrayList<>();
        for (int step = 1; step < 30; step++) {
            lead.add(new Note(60 + step % 12, step, 1, 100));
            if (step % 3 == 1) {
                bass.add(new Note(36 + step % 5, step, 2, 90));
            }
        }
        rig.book.put(0, pattern(32, part(0, 32, lead.toArray(Note[]::new)), part(1, 32, bass.toArray(Note[]::new))));
        int[] sizes = {64, 128, 256, 333, 512, 1000, 1024, 17};
        Random random = new Random(7);
        long end = Math.round((16 + 4 * 32) * framesPerStep);
        while (rig.frame < end) {
            rig.cycle(sizes[random.nextInt(sizes.length)]);
        }
        rig.stop(256);

        List<RecordingOutput.Event> ons = rig.out.events.stream().filter(e -> e.channel() != 9 && e.noteOn())
                .toList();
        List<RecordingOutput.Event> offs = rig.out.events.stream().filter(e -> e.channel() != 9 && e.noteOff())
                .toList();
        assertEquals(4 * (lead.size() + bass.size()), ons.size());
        assertEquals(ons.size(), offs.size());
        int index = 0;
        for (int pass = 0; pass < 4; pass++) {
            for (int step = 1; step < 30; step++) {
                double exact = (16 + pass * 32 + step) * framesPerStep;
                List<RecordingOutput.Event> here = new ArrayList<>();
                for (RecordingOutput.Event event : ons) {
                    if (Math.abs(event.frame() - exact) <= 0.5 + 1e-6) {
                        here.add(event);
                    }
                }
                int expectedCount = step % 3 == 1 ? 2 : 1;
                assertEquals(expectedCount, here.size(), "pass " + pass + " step " + step + ": " + here);
                index += here.size();
            }
        }
        assertEquals(ons.size(), index);
        for (RecordingOutput.Event event : offs) {
            double steps = event.frame() / framesPerStep;
            assertTrue(Math.abs(steps - Math.round(steps)) * framesPerStep <= 0.5 + 1e-6,
                    "note-off off the grid: " + event.describe());
        }
        assertEveryNoteOnEndsOnce(rig.out.events);
    }

    @Test
    void aNoteShorterThanTheCycleEndsOnItsOwnFrame() {
        // 400 bpm at 48 kHz: 1,800 frames a step; 4,096-frame cycles span more than two steps.
        PlayerRig rig = new PlayerRig(48_000, 400, 0, 1, false, PortLayout.SINGLE);
        rig.book.put(0, pattern(16, part(0, 16, new Note(60, 1, 1, 100))));
        rig.runUntil(8192, 4096);
        assertEquals(List.of(program(0, 0, 0, 0), on(1800, 0, 0, 60, 100), off(3600, 0, 0, 60)),
                rig.out.described());
    }

    @Test
    void aPatternThatWaitsForThePhraseStartIsTakenUpThereWithItsProgramsFirst() {
        PlayerRig rig = new PlayerRig(48_000, 120, 0, 1, false, PortLayout.SPLIT);
        rig.book.put(0, pattern(16, part(1, 16, new Note(60, 0, 8, 100), new Note(62, 8, 8, 100))));
        rig.runUntil(4 * STEP, 256);
        Part organ = new Part("organ", 1, 19, -1, 16);
        organ.addNote(new Note(67, 0, 16, 90));
        Part bass = new Part("bass", 2, 32, -1, 16);
        bass.addNote(new Note(43, 4, 4, 90));
        rig.book.put(0, PhrasePatterns.of(16, List.of(organ, bass), true));
        rig.runUntil(16 * STEP + 256, 256);

        assertEquals(List.of(program(0, 0, 1, 0), on(0, 0, 1, 60, 100), off(8 * STEP, 0, 1, 60),
                on(8 * STEP, 0, 1, 62, 100), off(16 * STEP, 0, 1, 62),
                program(16 * STEP, 0, 1, 19), program(16 * STEP, 1, 2, 32), on(16 * STEP, 0, 1, 67, 90)),
                rig.out.described(), "the old pattern plays its phrase out; the new one starts on the next phrase");
    }
}
