package dev.continuo.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.Note;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SuiteMelodiesTest {

    @Test
    void atLeastTwentyMelodiesInSeveralMetersAllLoadWithFullBars() {
        List<EvaluationPiece> pieces = SuiteMelodies.load();
        assertTrue(pieces.size() >= 20, pieces.size() + " melodies");
        Set<Meter> meters = pieces.stream().map(EvaluationPiece::meter).collect(Collectors.toSet());
        assertTrue(meters.containsAll(Set.of(new Meter(4, 4), new Meter(3, 4), new Meter(6, 8))), meters.toString());
        for (EvaluationPiece piece : pieces) {
            assertTrue(piece.melody().notes().size() >= 16, piece.name() + " has a tune's worth of notes");
            assertTrue(!piece.hasReference());
        }
    }

    @Test
    void notesCarryTheirDurationAndAccidentals() {
        EvaluationPiece piece = SuiteMelodies.parse(new SuiteMelodies.Written("t", "test", "3/4",
                "r:2 C4:1 | F#4:1.5 Bb3:0.5 G4:1 | A4 B4 C5 | D5:3"));
        assertEquals(List.of(new Note(60, 8, 4, 90), new Note(66, 12, 6, 90), new Note(58, 18, 2, 90),
                new Note(67, 20, 4, 90), new Note(69, 24, 4, 90), new Note(71, 28, 4, 90), new Note(72, 32, 4, 90),
                new Note(74, 36, 12, 90)), piece.melody().notes());
        assertEquals(48, piece.steps());
    }

    @Test
    void aBarThatDoesNotFillTheMeterIsRejectedWithItsNumber() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SuiteMelodies.parse(
                new SuiteMelodies.Written("Slip", "test", "4/4", "C4:1 D4 E4 F4 | G4:2 A4:1 | C5:4")));
        assertTrue(error.getMessage().contains("Slip, bar 2"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SuiteMelodies.parse(
                new SuiteMelodies.Written("Bad", "test", "4/4", "C4:1 H4 | C5:4")));
        assertThrows(IllegalArgumentException.class, () -> SuiteMelodies.parse(
                new SuiteMelodies.Written("Short", "test", "4/4", "C4:0.1 | C5:4")));
    }
}
