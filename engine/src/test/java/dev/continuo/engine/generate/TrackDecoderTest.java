package dev.continuo.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackDecoderTest {

    private static final int ROWS = 3;

    /** A plane from values [step][row]. */
    private static TrackDecoder.Plane plane(float[][] values) {
        return (step, row) -> values[step][row];
    }

    /** Row 1 sounds throughout 8 steps; row 2 a little less: one held note without onsets. */
    private static float[][] heldChord() {
        float[][] sustain = new float[8][ROWS];
        for (float[] step : sustain) {
            step[0] = -1;
            step[1] = 0.9f;
            step[2] = 0.5f;
        }
        return sustain;
    }

    @Test
    void withoutOnsetsARunOfSoundingCellsIsOneNote() {
        List<TrackDecoder.RowNote> notes = TrackDecoder.decode(plane(heldChord()), null, 8, ROWS, 0, 0.25, true, 1, 1);
        assertEquals(List.of(new TrackDecoder.RowNote(1, 0, 8)), notes);
    }

    @Test
    void theStrongestOnsetPeaksRestrikeTheHeldNote() {
        float[][] onsets = new float[8][ROWS];
        for (float[] step : onsets) {
            java.util.Arrays.fill(step, -1);
        }
        onsets[4][1] = -0.4f; // a peak well below probability ½: still the strongest after the start
        onsets[2][1] = -0.8f; // a weaker peak
        onsets[5][1] = -0.6f; // beside the strongest: not a peak
        List<TrackDecoder.RowNote> two = TrackDecoder.decode(plane(heldChord()), plane(onsets), 8, ROWS, 0, 0.25,
                true, 1, 1);
        assertEquals(List.of(new TrackDecoder.RowNote(1, 0, 4), new TrackDecoder.RowNote(1, 4, 4)), two,
                "a rate of a quarter of 8 sounding steps: the start and the strongest peak");
        List<TrackDecoder.RowNote> three = TrackDecoder.decode(plane(heldChord()), plane(onsets), 8, ROWS, 0, 0.375,
                true, 1, 1);
        assertEquals(3, three.size(), "a higher rate takes the next peak too: " + three);
        List<TrackDecoder.RowNote> spaced = TrackDecoder.decode(plane(heldChord()), plane(onsets), 8, ROWS, 0, 0.375,
                true, 3, 1);
        assertEquals(2, spaced.size(), "a peak closer than the minimum note length to a start is skipped: " + spaced);
    }

    @Test
    void pitchChangesShorterThanTheChangeLengthAreNotPlayedAndRestsEndNotes() {
        float[][] sustain = new float[10][ROWS];
        float[][] onsets = new float[10][ROWS];
        for (int step = 0; step < 10; step++) {
            java.util.Arrays.fill(onsets[step], -1);
            sustain[step][0] = step < 4 ? 0.8f : -0.5f;
            sustain[step][1] = step < 4 ? 0.2f : 0.9f;
            sustain[step][2] = step == 8 ? 0.95f : -1f; // a one-step flicker
        }
        sustain[4] = new float[] {-1, -1, -1}; // a two-step rest
        sustain[5] = new float[] {-1, -1, -1};
        List<TrackDecoder.RowNote> notes = TrackDecoder.decode(plane(sustain), plane(onsets), 10, ROWS, 0, 0.01,
                true, 1, 2);
        assertEquals(List.of(new TrackDecoder.RowNote(0, 0, 4), new TrackDecoder.RowNote(1, 6, 4)), notes);
        List<TrackDecoder.RowNote> everyChange = TrackDecoder.decode(plane(sustain), plane(onsets), 10, ROWS, 0, 0.01,
                true, 1, 1);
        assertEquals(4, everyChange.size(), "with a change length of 1 the flicker is played: " + everyChange);
    }

    @Test
    void polyphonicTracksSplitEveryRowAtTheOnsets() {
        float[][] onsets = new float[8][ROWS];
        for (float[] step : onsets) {
            java.util.Arrays.fill(step, -1);
        }
        onsets[4][2] = 0.3f;
        List<TrackDecoder.RowNote> notes = TrackDecoder.decode(plane(heldChord()), plane(onsets), 8, ROWS, 0, 0.25,
                false, 1, 1);
        assertEquals(4, notes.size(), "rows 1 and 2 each struck at 0 and 4: " + notes);
        assertTrue(notes.stream().allMatch(n -> n.length() == 4));
    }
}
