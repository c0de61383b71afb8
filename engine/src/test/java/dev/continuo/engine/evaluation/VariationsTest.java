package dev.continuo.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariationsTest {

    private static Part part(int steps, Note... notes) {
        Part part = new Part("p", 0, 0, -1, steps);
        for (Note note : notes) {
            part.addNote(note);
        }
        return part;
    }

    private final EvaluationPiece piece = new EvaluationPiece("x", part(8, new Note(60, 0, 4, 90),
            new Note(62, 4, 1, 90), new Note(64, 5, 3, 90)), List.of(part(8, new Note(48, 0, 8, 90))), Meter.FOUR_FOUR);

    @Test
    void movingAPieceMovesMelodyAndReferenceAlike() {
        EvaluationPiece moved = Variations.transposed(piece, -5);
        assertEquals(List.of(new Note(55, 0, 4, 90), new Note(57, 4, 1, 90), new Note(59, 5, 3, 90)),
                moved.melody().notes());
        assertEquals(List.of(new Note(43, 0, 8, 90)), moved.reference().get(0).notes());
    }

    @Test
    void halfSpeedDoublesAndDoubleSpeedHalvesEveryNote() {
        EvaluationPiece slow = Variations.halfSpeed(piece);
        assertEquals(16, slow.steps());
        assertEquals(List.of(new Note(60, 0, 8, 90), new Note(62, 8, 2, 90), new Note(64, 10, 6, 90)),
                slow.melody().notes());
        EvaluationPiece fast = Variations.doubleSpeed(piece);
        assertEquals(4, fast.steps());
        assertEquals(List.of(new Note(60, 0, 2, 90), new Note(62, 2, 1, 90), new Note(64, 2, 1, 90)),
                fast.melody().notes(), "a sixteenth stays a sixteenth");
        assertEquals(List.of(new Note(48, 0, 4, 90)), fast.reference().get(0).notes());
    }
}
