package dev.continuo.engine.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.preset.ChordProgression;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChordPathTest {

    private static final int C_MAJOR = 1 | 1 << 4 | 1 << 7;
    private static final int G_MAJOR = 1 << 7 | 1 << 11 | 1 << 2;
    private static final int F_MAJOR = 1 << 5 | 1 << 9 | 1;

    /**
     * Eight bars of 4/4 over one chord per bar, I V I V …, each held for the whole bar, under a melody of chord tones
     * on every beat; moved by {@code transposition} semitones.
     */
    private static Example barChords(int transposition) {
        int steps = 8 * 16;
        Part melody = new Part("melody", 0, 0, -1, steps);
        Part bass = new Part("bass", 1, 0, -1, steps);
        Part third = new Part("third", 2, 0, -1, steps);
        Part fifth = new Part("fifth", 3, 0, -1, steps);
        int[][] tunes = {{72, 76, 79, 76}, {71, 74, 79, 74}};
        int[][] chords = {{48, 64, 67}, {43, 59, 62}};
        for (int bar = 0; bar < 8; bar++) {
            int[] tune = tunes[bar % 2];
            for (int beat = 0; beat < 4; beat++) {
                melody.addNote(new Note(tune[beat] + transposition, bar * 16 + beat * 4, 4, 90));
            }
            int[] chord = chords[bar % 2];
            bass.addNote(new Note(chord[0] + transposition, bar * 16, 16, 90));
            third.addNote(new Note(chord[1] + transposition, bar * 16, 16, 90));
            fifth.addNote(new Note(chord[2] + transposition, bar * 16, 16, 90));
        }
        return new Example("bars", melody, List.of(bass, third, fifth));
    }

    private static final boolean[] ALL = {true, true, true};

    @Test
    void learnsTheChordsAndThatTheyChangeOnTheBarsFirstBeat() {
        ChordProgression progression = ChordPath.learn(List.of(barChords(0)), ALL, false, 3, 30);
        assertArrayEquals(new int[] {C_MAJOR, G_MAJOR}, progression.chords(), "16 beats each; ties by set");
        long[][] downbeats = progression.transitions()[0];
        assertEquals(4, downbeats[0][1], "C → G on four bar lines");
        assertEquals(3, downbeats[1][0], "G → C on three");
        assertEquals(0, downbeats[0][0] + downbeats[1][1]);
        long holds = progression.transitions()[1][0][0] + progression.transitions()[2][0][0];
        assertEquals(12, holds, "C held over its other three beats in four bars");
        assertEquals(1, progression.starts()[0]);
        assertEquals(4 * 5, progression.melody()[0][0], "C for the first beat of each C bar: its first sixteenth "
                + "counted twice");
    }

    @Test
    void keyNormalizedLearningMovesEachPieceToC() {
        assertEquals(ChordPath.learn(List.of(barChords(0)), ALL, true, 3, 30),
                ChordPath.learn(List.of(barChords(5)), ALL, true, 3, 30));
    }

    @Test
    void choosesTheDataChordsForAMelodyAndChangesThemWhereTheDataDoes() {
        ChordPath path = new ChordPath(ChordPath.learn(List.of(barChords(0)), ALL, false, 3, 30));
        Example tune = barChords(0);
        int steps = tune.steps();
        int[] kinds = ChordPath.kinds(steps, new int[] {0, 16, 32, 48, 64, 80, 96, 112});
        int[] chosen = path.choose(ChordPath.melodyWeights(tune.melody(), 0, steps), kinds, new int[steps / 4],
                ChordPath.changesAllowed(kinds, 4));
        for (int beat = 0; beat < chosen.length; beat++) {
            assertEquals(beat / 4 % 2 == 0 ? C_MAJOR : G_MAJOR, chosen[beat], "beat " + beat);
        }
    }

    @Test
    void theModelsOwnChordsCountByTheirWeight() {
        Part melody = new Part("melody", 0, 0, -1, 16);
        melody.addNote(new Note(72, 0, 16, 90));
        List<Example> data = new ArrayList<>(List.of(barChords(0)));
        Part bass = new Part("bass", 1, 0, -1, 64);
        Part third = new Part("third", 2, 0, -1, 64);
        Part fifth = new Part("fifth", 3, 0, -1, 64);
        Part tune = new Part("melody", 0, 0, -1, 64);
        tune.addNote(new Note(72, 0, 64, 90));
        bass.addNote(new Note(41, 0, 64, 90));
        third.addNote(new Note(57, 0, 64, 90));
        fifth.addNote(new Note(60, 0, 64, 90));
        data.add(new Example("f", tune, List.of(bass, third, fifth)));
        int[] modelSaysC = {C_MAJOR, C_MAJOR, C_MAJOR, C_MAJOR};
        int[][] weights = ChordPath.melodyWeights(melody, 0, 16);
        int[] kinds = ChordPath.kinds(16, new int[] {0});
        boolean[] anywhere = ChordPath.changesAllowed(kinds, 1);
        int[] byMelody = new ChordPath(ChordPath.learn(data, ALL, false, 0, 30)).choose(weights, kinds, modelSaysC,
                anywhere);
        int[] byModel = new ChordPath(ChordPath.learn(data, ALL, false, 50, 30)).choose(weights, kinds, modelSaysC,
                anywhere);
        assertArrayEquals(new int[] {F_MAJOR, F_MAJOR, F_MAJOR, F_MAJOR}, byMelody, "under a long C, the chord the "
                + "data holds under long Cs");
        assertArrayEquals(modelSaysC, byModel, "the model's C major, which holds C too, once its weight is high");
    }

    @Test
    void sparseDensitiesChangeChordOnlyWhereTheyMay() {
        int[] kinds = ChordPath.kinds(32, new int[] {0, 16});
        assertArrayEquals(new boolean[] {true, true, true, true, true, true, true, true},
                ChordPath.changesAllowed(kinds, 4));
        assertArrayEquals(new boolean[] {true, false, true, false, true, false, true, false},
                ChordPath.changesAllowed(kinds, 8));
        assertArrayEquals(new boolean[] {true, false, false, false, true, false, false, false},
                ChordPath.changesAllowed(kinds, 16));

        // A melody that moves from C to G in the middle of each bar: allowed there, the path follows it; held to
        // bar lines, each bar keeps one chord.
        ChordPath path = new ChordPath(ChordPath.learn(List.of(barChords(0)), ALL, false, 3, 30));
        Part melody = new Part("melody", 0, 0, -1, 32);
        for (int bar = 0; bar < 2; bar++) {
            melody.addNote(new Note(72, bar * 16, 8, 90));
            melody.addNote(new Note(71, bar * 16 + 8, 8, 90));
        }
        int[][] weights = ChordPath.melodyWeights(melody, 0, 32);
        int[] free = path.choose(weights, kinds, new int[8], ChordPath.changesAllowed(kinds, 4));
        int[] barly = path.choose(weights, kinds, new int[8], ChordPath.changesAllowed(kinds, 16));
        assertEquals(C_MAJOR, free[0]);
        assertEquals(G_MAJOR, free[2], "B under G major, as the data has it");
        for (int beat = 0; beat < 8; beat++) {
            assertEquals(barly[beat - beat % 4], barly[beat], "one chord a bar: beat " + beat);
        }
    }

    @Test
    void beatKindsFollowTheMeter() {
        assertArrayEquals(new int[] {0, 2, 1, 2, 0, 2, 2}, ChordPath.kinds(28, new int[] {0, 16, 28}),
                "4/4, then a bar of 3/4");
        assertArrayEquals(new int[] {2, 0, 2, 1, 2}, ChordPath.kinds(20, new int[] {4}), "a pickup beat");
    }

    @Test
    void malformedProgressionsAreRefused() {
        long[][] melody = {new long[12]};
        long[][][] transitions = {{{0}}, {{0}}, {{0}}};
        new ChordProgression(new int[] {C_MAJOR}, melody, transitions, new long[1], 3, 30);
        assertThrows(IllegalArgumentException.class, () -> new ChordProgression(new int[] {0}, melody, transitions,
                new long[1], 3, 30));
        assertThrows(IllegalArgumentException.class, () -> new ChordProgression(new int[] {C_MAJOR},
                new long[][] {new long[11]}, transitions, new long[1], 3, 30));
        assertThrows(IllegalArgumentException.class, () -> new ChordProgression(new int[] {C_MAJOR}, melody,
                new long[][][] {{{0}}, {{0}}}, new long[1], 3, 30));
        assertThrows(IllegalArgumentException.class, () -> new ChordProgression(new int[] {C_MAJOR}, melody,
                new long[][][] {{{-1}}, {{0}}, {{0}}}, new long[1], 3, 30));
        assertThrows(IllegalArgumentException.class, () -> new ChordProgression(new int[] {C_MAJOR}, melody,
                transitions, new long[1], 3, 1000));
        assertThrows(IllegalArgumentException.class, () -> new ChordProgression(new int[] {C_MAJOR, C_MAJOR},
                new long[2][12], new long[][][] {new long[2][2], new long[2][2], new long[2][2]}, new long[2], 3, 30));
    }
}
