package dev.continuo.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.preset.BeatChord;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChordPriorTest {

    private static final int C = 1;
    private static final int E = 1 << 4;
    private static final int G = 1 << 7;
    private static final int A = 1 << 9;

    /** A melody on E for four beats over C and G in one part and E in another; a third part is left out. */
    private static Example piece(int transposition) {
        Part melody = new Part("m", 0, 0, -1, 16);
        melody.addNote(new Note(76 + transposition, 0, 16, 90));
        Part low = new Part("low", 1, 0, -1, 16);
        low.addNote(new Note(48 + transposition, 0, 8, 90));
        low.addNote(new Note(55 + transposition, 8, 8, 90));
        Part middle = new Part("middle", 2, 0, -1, 16);
        middle.addNote(new Note(64 + transposition, 0, 16, 90));
        Part ignored = new Part("ignored", 3, 0, -1, 16);
        ignored.addNote(new Note(69 + transposition, 0, 16, 90));
        return new Example("piece", melody, List.of(low, middle, ignored));
    }

    @Test
    void countsTheCountedPartsPitchClassesOnEachBeatByTheMelodys() {
        List<BeatChord> chords = ChordPrior.learn(List.of(piece(0)), new boolean[] {true, true, false}, false);
        assertEquals(List.of(new BeatChord(E, C | E, 2), new BeatChord(E, E | G, 2)), chords);
    }

    @Test
    void keyNormalizedCountingMovesEachPieceToC() {
        boolean[] counted = {true, true, false};
        assertEquals(ChordPrior.learn(List.of(piece(0)), counted, true),
                ChordPrior.learn(List.of(piece(7)), counted, true));
        assertNotEquals(ChordPrior.learn(List.of(piece(7)), counted, false),
                ChordPrior.learn(List.of(piece(7)), counted, true));
    }

    @Test
    void seenChordsAreLikelierThanUnseenOnesAndAnUnseenMelodyFallsBackOnThePartsOwnFrequencies() {
        ChordPrior prior = new ChordPrior(List.of(new BeatChord(E, C | E, 6), new BeatChord(E, E | G, 2),
                new BeatChord(C, C | G, 1)));
        assertTrue(prior.logProbability(E, C | E) > prior.logProbability(E, E | G));
        assertTrue(prior.logProbability(E, E | G) > prior.logProbability(E, C | G));
        assertTrue(prior.logProbability(E, C | G) > prior.logProbability(E, A));
        assertTrue(prior.logProbability(A, C | E) > prior.logProbability(A, C | G), "never heard under A: the parts' "
                + "own frequencies decide");
        double total = 0;
        for (int parts = 1; parts < BeatChord.SETS; parts++) {
            total += Math.exp(prior.logProbability(E, parts));
        }
        assertEquals(1, total, 1e-9, "a distribution over the parts' sets");
    }

    @Test
    void rotatesSetsAroundTheOctave() {
        assertEquals(E | (1 << 8) | (1 << 11), ChordPrior.rotate(C | E | G, 4));
        assertEquals(C | E | G, ChordPrior.rotate(ChordPrior.rotate(C | E | G, 5), -5));
    }
}
