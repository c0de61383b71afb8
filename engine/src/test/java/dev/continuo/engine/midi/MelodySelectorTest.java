package dev.continuo.engine.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;
import org.junit.jupiter.api.Test;

class MelodySelectorTest {

    private static final int STEPS = 32;
    private final MelodySelector selector = new MelodySelector();

    private static Part line(String name, int channel, int track, int lowPitch, int notes) {
        Part part = new Part(name, channel, 0, track, STEPS);
        for (int i = 0; i < notes; i++) {
            part.addNote(new Note(lowPitch + i % 5, i * (STEPS / notes), STEPS / notes, 90));
        }
        return part;
    }

    private static Part chords(String name, int channel, int track, int root) {
        Part part = new Part(name, channel, 0, track, STEPS);
        for (int step = 0; step < STEPS; step += 4) {
            for (int offset : new int[] {0, 4, 7, 12, 16}) {
                part.addNote(new Note(root + offset, step, 4, 70));
            }
        }
        return part;
    }

    private static PianoRoll roll(Part... parts) {
        return new PianoRoll(4, STEPS, List.of(parts), List.of(), List.of());
    }

    @Test
    void prefersTheHighestMonophonicLineOverHigherChordsAndSparseDescants() {
        PianoRoll roll = roll(
                line("Bass", 1, 1, 36, 16),
                chords("Piano", 2, 2, 72),       // highest, but polyphonic
                line("Lead", 0, 3, 67, 16),
                line("Descant", 3, 4, 84, 4),    // higher, but a quarter of the lead's notes
                line("Drums", 9, 5, 90, 32));    // percussion never counts
        MelodySelection selection = selector.choose(roll);
        assertEquals(2, selection.partIndex());
        assertTrue(selection.reason().startsWith("track 3 \"Lead\" (channel 1)"), selection.reason());
    }

    @Test
    void fallsBackToTheHighestPartWhenNothingIsMonophonic() {
        PianoRoll roll = roll(chords("Low", 0, 1, 40), chords("High", 1, 2, 60));
        MelodySelection selection = selector.choose(roll);
        assertEquals(1, selection.partIndex());
        assertTrue(selection.reason().contains("no part is mostly monophonic"), selection.reason());
    }

    @Test
    void selectsByTrackAndByChannel() {
        PianoRoll roll = roll(line("A", 0, 1, 60, 8), line("B", 4, 2, 50, 8));
        assertEquals(1, selector.byTrack(roll, 2).partIndex());
        assertEquals(1, selector.byChannel(roll, 5).partIndex());
        IllegalArgumentException noTrack = assertThrows(IllegalArgumentException.class,
                () -> selector.byTrack(roll, 7));
        assertEquals("track 7 has no notes; tracks with notes: 1, 2", noTrack.getMessage());
        assertThrows(IllegalArgumentException.class, () -> selector.byChannel(roll, 16));
    }

    @Test
    void refusesARollWithOnlyPercussion() {
        PianoRoll roll = roll(line("Drums", 9, 1, 36, 8));
        assertThrows(IllegalArgumentException.class, () -> selector.choose(roll));
    }
}
