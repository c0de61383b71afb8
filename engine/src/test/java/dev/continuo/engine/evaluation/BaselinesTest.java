package dev.continuo.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.metrics.ChordAgreement;
import dev.continuo.engine.metrics.Key;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    private final Baselines baselines = new Baselines();

    /** C major melody, one quarter note per beat: C E G F D C B C over two bars. */
    private static Part melody() {
        Part melody = new Part("m", 0, 0, 1, 32);
        int[] pitches = {72, 76, 79, 77, 74, 72, 71, 72};
        for (int i = 0; i < pitches.length; i++) {
            melody.addNote(new Note(pitches[i], 4 * i, 4, 90));
        }
        return melody;
    }

    @Test
    void triadsOfTheKey() {
        Key c = Key.C_MAJOR;
        assertArrayEquals(new int[] {0, 4, 7}, Baselines.triad(c, 0), "I = C E G");
        assertArrayEquals(new int[] {5, 9, 0}, Baselines.triad(c, 3), "IV = F A C");
        assertArrayEquals(new int[] {7, 11, 2}, Baselines.triad(c, 4), "V = G B D");
        assertArrayEquals(new int[] {4, 8, 11}, Baselines.triad(new Key(9, true), 4), "V in A minor = E G# B");
    }

    @Test
    void triadRuleTakesTheFirstOfIIVVviiiHoldingTheMelodyNote() {
        List<Part> parts = baselines.triadRule(melody(), Baselines.pulses(32));
        Part bass = parts.get(2);
        // Melody C E G F D C B C → I I I IV V I V I; the bass plays the roots C C C F G C G C near 46.
        int[] expectedRoots = {0, 0, 0, 5, 7, 0, 7, 0};
        for (int beat = 0; beat < 8; beat++) {
            assertEquals(expectedRoots[beat], bass.highestSounding(4 * beat) % 12, "beat " + beat);
        }
        assertEquals(3, parts.size());
    }

    @Test
    void octaveDownCopiesTheMelodyAndIsRecognisedAsACopy() {
        Part octave = baselines.octaveDown(melody()).get(0);
        assertEquals(60, octave.highestSounding(0));
        assertTrue(DatasetEvaluation.copiesMelody(octave, melody()));
        assertFalse(DatasetEvaluation.copiesMelody(baselines.triadRule(melody(), Baselines.pulses(32)).get(2),
                melody()));
    }

    @Test
    void chordAgreementIsTheMeanJaccardOverPulses() {
        // Pulse 0: {C, E, G} vs {C, E}: 2/3. Pulse 4: {F} vs {G}: 0. Pulse 8: nothing vs nothing: skipped.
        // Pulse 12: {D} vs {D}: 1. Mean over 3 pulses: (2/3 + 0 + 1) / 3 = 0.5556.
        Part a = new Part("a", 0, 0, 1, 16);
        a.addNote(new Note(60, 0, 4, 90));
        a.addNote(new Note(64, 0, 4, 90));
        a.addNote(new Note(67, 0, 4, 90));
        a.addNote(new Note(65, 4, 4, 90));
        a.addNote(new Note(62, 12, 4, 90));
        Part b = new Part("b", 0, 0, 1, 16);
        b.addNote(new Note(48, 0, 4, 90));
        b.addNote(new Note(76, 0, 4, 90));
        b.addNote(new Note(55, 4, 4, 90));
        b.addNote(new Note(74, 12, 4, 90));
        assertEquals((2.0 / 3 + 0 + 1) / 3, ChordAgreement.of(List.of(a), List.of(b), new int[] {0, 4, 8, 12}),
                1e-12);
    }

    @Test
    void datasetEvaluationRanksTheTriadRuleAboveTheOctave() {
        Part melody = melody();
        List<Part> reference = baselines.triadRule(melody, Baselines.pulses(32));
        List<Part> parts = new java.util.ArrayList<>(List.of(melody));
        parts.addAll(reference);
        var example = new dev.continuo.engine.data.Example("c", melody, parts);
        List<SystemScores> scores = new DatasetEvaluation().evaluate(List.of(example), 1, null,
                dev.continuo.engine.generate.GenerationSettings.defaults());
        assertEquals(List.of("reference", "octave-down", "random-in-key", "triad-rule"),
                scores.stream().map(SystemScores::system).toList());
        assertEquals(1.0, scores.get(0).values().get(DatasetEvaluation.AGREEMENT), 1e-12);
        assertEquals(1.0, scores.get(3).values().get(DatasetEvaluation.AGREEMENT), 1e-12,
                "the reference here is the triad rule itself");
        assertEquals(0.0, scores.get(3).values().get(DatasetEvaluation.DISTANCE), 1e-12);
        assertEquals(0.0, scores.get(1).values().get(DatasetEvaluation.OWN_PARTS), 1e-12);
        assertEquals(0.0, scores.get(1).values().get(DatasetEvaluation.THREE_PARTS), 1e-12);
    }

    @Test
    void piecesWithoutAReferenceGetEveryFigureButAgreementAndTheSanityChecks() {
        Part melody = melody();
        EvaluationPiece piece = new EvaluationPiece("no reference", melody, List.of(),
                new dev.continuo.engine.roll.Meter(3, 4));
        java.util.Map<String, AccompanimentSystem> systems = new java.util.LinkedHashMap<>();
        systems.put("held", (m, bars) -> {
            Part held = new Part("Held", 1, 0, -1, m.steps());
            held.addNote(new dev.continuo.engine.roll.Note(48, 0, m.steps(), 80));
            return List.of(held);
        });
        List<SystemScores> scores = new DatasetEvaluation().evaluate(List.of(piece), systems);
        assertEquals(List.of("held", "octave-down", "random-in-key", "triad-rule"),
                scores.stream().map(SystemScores::system).toList());
        SystemScores held = scores.get(0);
        assertEquals(null, held.values().get(DatasetEvaluation.AGREEMENT));
        assertEquals(null, held.values().get(DatasetEvaluation.DISTANCE));
        double bars = Math.ceil(32 / 12.0);
        assertEquals(1 / bars, held.values().get(DatasetEvaluation.NEW_NOTE_BARS), 1e-12,
                "one note held through three bars of 3/4: a new note in the first only");
        assertEquals(0.0, held.values().get(DatasetEvaluation.SANITY), 1e-12, "fails the new-note and pitch checks");
        assertEquals(1.0, scores.get(3).values().get(DatasetEvaluation.NEW_NOTE_BARS), 1e-12, "a chord every beat");
    }
}
