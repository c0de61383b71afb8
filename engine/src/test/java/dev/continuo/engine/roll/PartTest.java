package dev.continuo.engine.roll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartTest {

    private final Part part = new Part("Alto", 1, 52, 2, 16);

    @Test
    void heldNoteAndRepeatedNotesStayDistinct() {
        part.addNote(new Note(60, 0, 4, 90));
        part.addNote(new Note(62, 4, 2, 80));
        part.addNote(new Note(62, 6, 2, 70));

        assertTrue(part.isOnset(0, 60));
        assertTrue(part.isSounding(3, 60));
        assertFalse(part.isOnset(3, 60));
        assertFalse(part.isSounding(4, 60));
        assertTrue(part.isOnset(6, 62), "the repeated note is struck again");
        assertEquals(List.of(new Note(60, 0, 4, 90), new Note(62, 4, 2, 80), new Note(62, 6, 2, 70)), part.notes());
    }

    @Test
    void laterNoteCutsAnOverlappingOneShortAndDropsItsTail() {
        part.addNote(new Note(60, 0, 8, 90));
        part.addNote(new Note(60, 2, 2, 70));

        assertEquals(List.of(new Note(60, 0, 2, 90), new Note(60, 2, 2, 70)), part.notes());
        assertFalse(part.isSounding(4, 60));
    }

    @Test
    void notesAreClippedToTheGrid() {
        part.addNote(new Note(48, 14, 8, 64));
        assertEquals(List.of(new Note(48, 14, 2, 64)), part.notes());
        assertThrows(IllegalArgumentException.class, () -> part.addNote(new Note(48, 16, 1, 64)));
    }

    @Test
    void countsAndHighestPitchPerStep() {
        part.addNote(new Note(60, 0, 4, 90));
        part.addNote(new Note(67, 0, 2, 90));
        assertEquals(2, part.soundingCount(1));
        assertEquals(67, part.highestSounding(1));
        assertEquals(60, part.highestSounding(2));
        assertEquals(-1, part.highestSounding(5));
    }

    @Test
    void rejectsInvalidIdentity() {
        assertThrows(IllegalArgumentException.class, () -> new Part("x", 16, 0, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> new Part("x", 0, 128, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> new Part("x", 0, 0, 0, PianoRoll.MAX_STEPS + 1));
        assertThrows(IllegalArgumentException.class, () -> new Note(128, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Note(60, 0, 0, 1));
    }

    @Test
    void theMedianNoteLengthIsTheMiddleOneOrTheMeanOfTheMiddleTwo() {
        assertEquals(0, Note.medianLength(java.util.List.of()));
        assertEquals(4, Note.medianLength(java.util.List.of(new Note(60, 0, 8, 90), new Note(62, 8, 4, 90),
                new Note(64, 12, 1, 90))));
        assertEquals(3, Note.medianLength(java.util.List.of(new Note(60, 0, 2, 90), new Note(62, 2, 4, 90))));
    }

    @Test
    void theNotesAreListedOnceUntilANoteIsAdded() {
        Part grown = new Part("p", 0, 0, -1, 16);
        grown.addNote(new Note(60, 0, 4, 90));
        List<Note> first = grown.notes();
        assertSame(first, grown.notes(), "metrics ask many times; the grid is scanned once");
        grown.addNote(new Note(62, 4, 4, 90));
        assertEquals(List.of(new Note(60, 0, 4, 90), new Note(62, 4, 4, 90)), grown.notes());
        assertThrows(UnsupportedOperationException.class, () -> grown.notes().add(new Note(64, 8, 1, 90)));
    }
}
