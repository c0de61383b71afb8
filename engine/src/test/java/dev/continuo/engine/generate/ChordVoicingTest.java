package dev.continuo.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.engine.preset.BeatChord;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChordVoicingTest {

    private static final int ROWS = 12;
    /** Row r is pitch class r. */
    private static final int LOWEST = 0;
    private static final int C = 1;
    private static final int D = 1 << 2;
    private static final int E = 1 << 4;
    private static final int G = 1 << 7;

    /** A plane with value {@code values[row]} on every step (others −1). */
    private static TrackDecoder.Plane plane(float... valuesByRow) {
        float[] rows = Arrays.copyOf(valuesByRow, ROWS);
        for (int row = valuesByRow.length; row < ROWS; row++) {
            rows[row] = -1;
        }
        return (step, row) -> rows[row];
    }

    /** Rows 0 (C) sure; 2 (D) a little likelier than 4 (E). */
    private static final TrackDecoder.Plane SURE_C = plane(0.9f);
    private static final TrackDecoder.Plane D_OR_E = plane(-1, -1, 0.2f, -1, 0.1f);

    /** The data: under a melody on G the parts sound C and E, never C and D. */
    private static final ChordPrior PRIOR = new ChordPrior(List.of(new BeatChord(G, C | E, 20),
            new BeatChord(G, C | E | G, 5), new BeatChord(0, C | D, 1)));

    private static int[] melody(int steps, int set) {
        int[] sets = new int[steps];
        Arrays.fill(sets, set);
        return sets;
    }

    /** The prior's score at a weight, under a melody that sounds {@code sets[step]}. */
    private static ChordVoicing.BeatScore byPrior(double weight, int[] sets) {
        return (beat, parts) -> weight * PRIOR.logProbability(sets[beat * ChordPrior.BEAT_STEPS], parts);
    }

    private static List<List<TrackDecoder.RowNote>> voice(double weight, boolean[] audible) {
        List<List<TrackDecoder.RowNote>> tracks = List.of(List.of(new TrackDecoder.RowNote(0, 0, 8)),
                List.of(new TrackDecoder.RowNote(2, 0, 8)));
        return ChordVoicing.revoice(tracks, List.of(SURE_C, D_OR_E), audible, 8, ROWS, LOWEST,
                byPrior(weight, melody(8, G)), ChordVoicing.MIN_PIECE_STEPS);
    }

    @Test
    void theDataHarmonyPicksAmongThePitchesTheModelHolds() {
        List<List<TrackDecoder.RowNote>> voiced = voice(1.5, new boolean[] {true, true});
        assertEquals(List.of(new TrackDecoder.RowNote(0, 0, 8)), voiced.get(0));
        assertEquals(List.of(new TrackDecoder.RowNote(4, 0, 8)), voiced.get(1), "E, not D, over C under G; "
                + "one note, since both beats want the same");
    }

    @Test
    void withoutWeightOrWhenTheOtherPartIsSilentTheModelDecides() {
        assertEquals(List.of(new TrackDecoder.RowNote(2, 0, 8)), voice(0, new boolean[] {true, true}).get(1));
        List<List<TrackDecoder.RowNote>> muted = voice(1.5, new boolean[] {false, false});
        assertEquals(List.of(new TrackDecoder.RowNote(0, 0, 8)), muted.get(0));
        assertEquals(List.of(new TrackDecoder.RowNote(2, 0, 8)), muted.get(1));
    }

    @Test
    void aHeldNoteIsCutAtTheBeatWhereTheHarmonyMoves() {
        int[] sets = new int[8];
        Arrays.fill(sets, 0, 4, G);
        Arrays.fill(sets, 4, 8, 0);
        List<List<TrackDecoder.RowNote>> tracks = List.of(List.of(new TrackDecoder.RowNote(0, 0, 8)),
                List.of(new TrackDecoder.RowNote(2, 0, 8)));
        List<List<TrackDecoder.RowNote>> voiced = ChordVoicing.revoice(tracks, List.of(SURE_C, D_OR_E),
                new boolean[] {true, true}, 8, ROWS, LOWEST, byPrior(1.5, sets), ChordVoicing.MIN_PIECE_STEPS);
        assertEquals(List.of(new TrackDecoder.RowNote(0, 0, 8)), voiced.get(0));
        assertEquals(List.of(new TrackDecoder.RowNote(4, 0, 4), new TrackDecoder.RowNote(2, 4, 4)), voiced.get(1),
                "E under the G, then D once the melody rests (the model's own choice there)");
    }

    @Test
    void aChordPathPullsTheVoicesTowardsItsChords() {
        List<List<TrackDecoder.RowNote>> tracks = List.of(List.of(new TrackDecoder.RowNote(0, 0, 8)),
                List.of(new TrackDecoder.RowNote(2, 0, 8)));
        int[] path = {C | E | G, C | D};
        List<List<TrackDecoder.RowNote>> voiced = ChordVoicing.revoice(tracks, List.of(SURE_C, D_OR_E),
                new boolean[] {true, true}, 8, ROWS, LOWEST,
                (beat, parts) -> 3 * ChordPath.similarity(parts, path[beat]), ChordVoicing.MIN_PIECE_STEPS);
        assertEquals(List.of(new TrackDecoder.RowNote(4, 0, 4), new TrackDecoder.RowNote(2, 4, 4)), voiced.get(1),
                "E while the path says C major, D when it says C and D");
        List<List<TrackDecoder.RowNote>> held = ChordVoicing.revoice(tracks, List.of(SURE_C, D_OR_E),
                new boolean[] {true, true}, 8, ROWS, LOWEST,
                (beat, parts) -> 3 * ChordPath.similarity(parts, path[beat]), 8);
        assertEquals(1, held.get(1).size(), "not cut where a new pitch could not hold 8 steps: " + held.get(1));
    }
}
