package dev.continuo.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldBarsTest {

    private static final int STEPS = 48;

    private static Part part(Note... notes) {
        Part part = new Part("P", 1, 0, -1, STEPS);
        for (Note note : notes) {
            part.addNote(note);
        }
        return part;
    }

    @Test
    void aChordHeldThroughABarInWhichTheMelodyMovesIsStruckAgainAtItsFirstStep() {
        Part melody = part(new Note(72, 0, 8, 90), new Note(74, 8, 8, 90), new Note(76, 16, 16, 90));
        Part bass = part(new Note(48, 0, 32, 70));
        Part chord = part(new Note(60, 4, 28, 60));
        HeldBars.restrike(List.of(bass, chord), melody, PianoRoll.evenBarStarts(STEPS, 16));
        assertEquals(List.of(new Note(48, 0, 16, 70), new Note(48, 16, 16, 70)), bass.notes());
        assertEquals(List.of(new Note(60, 4, 12, 60), new Note(60, 16, 16, 60)), chord.notes(),
                "same pitches and velocities, so the harmony and the mix stay");
    }

    @Test
    void barsWithANewNoteInAnyPartOrWithoutMelodyOrWithNothingHeldStayAsTheyAre() {
        Part melody = part(new Note(72, 0, 32, 90));
        Part bass = part(new Note(48, 0, 48, 70));
        Part chord = part(new Note(60, 0, 8, 60), new Note(64, 20, 4, 60));
        HeldBars.restrike(List.of(bass, chord), melody, PianoRoll.evenBarStarts(STEPS, 16));
        assertEquals(List.of(new Note(48, 0, 48, 70)), bass.notes(), "bar 2 has the chord's new note; bar 3 no melody");

        Part rest = part(new Note(48, 0, 8, 70));
        HeldBars.restrike(List.of(rest), part(new Note(72, 0, 32, 90)), PianoRoll.evenBarStarts(STEPS, 16));
        assertEquals(List.of(new Note(48, 0, 8, 70)), rest.notes(), "nothing sounds into bar 2: nothing to strike");
    }

    @Test
    void barsFollowTheMeterGiven() {
        Part melody = part(new Note(72, 0, 36, 90));
        Part bass = part(new Note(48, 0, 36, 70));
        HeldBars.restrike(List.of(bass), melody, PianoRoll.evenBarStarts(STEPS, 12));
        assertEquals(List.of(new Note(48, 0, 12, 70), new Note(48, 12, 12, 70), new Note(48, 24, 12, 70)),
                bass.notes());
    }
}
