package dev.continuo.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each metric on a small example whose expected value is worked out by hand in the comments. */
class MetricsTest {

    private static final int BAR = 16;
    private static final int[] THREE_BARS = {0, 16, 32};
    private static final int[] PULSES = {0, 4, 8, 12};

    private static Part part(int steps, Note... notes) {
        Part part = new Part("p", 0, 0, 0, steps);
        for (Note note : notes) {
            part.addNote(note);
        }
        return part;
    }

    @Test
    void emptyBarRateCountsBarsWithNothingSounding() {
        // Bar 0: a note at steps 0-3. Bar 1: the note held from step 14 to 19 sounds in it. Bar 2: nothing.
        // Empty bars: 1 of 3 = 0.3333. (DeepComposer's console reported the complement, 2/3, under this name.)
        Part a = part(3 * BAR, new Note(60, 0, 4, 90), new Note(62, 14, 6, 90));
        assertEquals(1.0 / 3, Metrics.emptyBarRate(List.of(a), THREE_BARS, 3 * BAR), 1e-12);
        // Together with a part that plays in bar 2, no bar is empty: 0 of 3.
        Part b = part(3 * BAR, new Note(48, 40, 2, 90));
        assertEquals(0.0, Metrics.emptyBarRate(List.of(a, b), THREE_BARS, 3 * BAR), 1e-12);
        assertTrue(Double.isNaN(Metrics.emptyBarRate(List.of(a), new int[0], 0)));
    }

    @Test
    void pitchesAndPitchClassesAreCounts() {
        // C4, E4, C5 and C4 again: 3 distinct pitches, 2 pitch classes (C, E).
        Part p = part(BAR, new Note(60, 0, 2, 90), new Note(64, 2, 2, 90), new Note(72, 4, 2, 90),
                new Note(60, 6, 2, 90));
        assertEquals(3, Metrics.pitchesUsed(List.of(p)));
        assertEquals(2, Metrics.pitchClassesUsed(List.of(p)));
    }

    @Test
    void inScaleRateIsDurationWeightedAgainstTheGivenKey() {
        // G for 4 steps, F# for 3, F for 1: 8 sounding cells.
        // G major (F#, no F): 4 + 3 = 7 of 8 = 0.875. C major (F, no F#): 4 + 1 = 5 of 8 = 0.625.
        Part p = part(BAR, new Note(67, 0, 4, 90), new Note(66, 4, 3, 90), new Note(65, 7, 1, 90));
        assertEquals(0.875, Metrics.inScaleRate(List.of(p), new Key(7, false)), 1e-12);
        assertEquals(0.625, Metrics.inScaleRate(List.of(p), Key.C_MAJOR), 1e-12);
        assertTrue(Double.isNaN(Metrics.inScaleRate(List.of(part(BAR)), Key.C_MAJOR)), "no notes: undefined");
    }

    @Test
    void qualifiedNotesLastAtLeastThreeSteps() {
        // Lengths 1, 2, 3, 4: the last two qualify, 2 of 4 = 0.5.
        Part p = part(BAR, new Note(60, 0, 1, 90), new Note(60, 1, 2, 90), new Note(60, 3, 3, 90),
                new Note(60, 6, 4, 90));
        assertEquals(0.5, Metrics.qualifiedNoteRate(List.of(p)), 1e-12);
    }

    @Test
    void polyphonyRateIsOverSoundingSteps() {
        // Steps 0-3: C and E (2 pitches); steps 4-7: C alone; steps 8-15 silent.
        // 4 polyphonic of 8 sounding steps = 0.5; the 8 silent steps do not count.
        Part p = part(BAR, new Note(60, 0, 8, 90), new Note(64, 0, 4, 90));
        assertEquals(0.5, Metrics.polyphonyRate(List.of(p)), 1e-12);
        // Across parts: a second part doubling steps 4-7 makes all 8 sounding steps polyphonic.
        Part q = part(BAR, new Note(55, 4, 4, 90));
        assertEquals(1.0, Metrics.polyphonyRate(List.of(p, q)), 1e-12);
    }

    @Test
    void tonalCentroidOfSingleNotes() {
        // C (pc 0): every angle is 0, so (sin, cos) per circle = (0, 1), (0, 1), 0.5 * (0, 1).
        assertArrayEquals6(new double[] {0, 1, 0, 1, 0, 0.5}, TonalCentroid.of(chroma(0)));
        // G (pc 7): fifths 7·7π/6 ≡ π/6 → (1/2, √3/2); minor thirds 7·3π/2 ≡ π/2 → (1, 0);
        // major thirds 7·2π/3 ≡ 2π/3 → 0.5 · (√3/2, −1/2).
        double r3 = Math.sqrt(3) / 2;
        assertArrayEquals6(new double[] {0.5, r3, 1, 0, 0.5 * r3, -0.25}, TonalCentroid.of(chroma(7)));
        assertEquals(null, TonalCentroid.of(new double[12]));
    }

    @Test
    void tonalDistanceAveragesOverBarsWhereBothSound() {
        // Bar 0: C against G. Differences (0.5, √3/2 − 1, 1, −1, √3/4, −0.75); squares
        // 0.25 + 0.017949 + 1 + 1 + 0.1875 + 0.5625 = 3.017949; distance √3.017949 = 1.737225.
        // Bar 1: only the first part sounds, so the bar is skipped. Mean over 1 bar: 1.737225.
        Part c = part(2 * BAR, new Note(60, 0, 4, 90), new Note(60, 16, 4, 90));
        Part g = part(2 * BAR, new Note(55, 0, 4, 90));
        assertEquals(1.737225, Metrics.tonalDistance(c, g, new int[] {0, 16}), 1e-6);
        assertEquals(0.0, Metrics.tonalDistance(c, c, new int[] {0, 16}), 1e-12);
        double[][] centroidsC = Metrics.barCentroids(c, new int[] {0, 16});
        assertEquals(null, Metrics.barCentroids(g, new int[] {0, 16})[1], "g is silent in bar 1");
        assertEquals(1.737225, Metrics.tonalDistance(centroidsC, Metrics.barCentroids(g, new int[] {0, 16})), 1e-6,
                "from centroids computed once per part, as RollEvaluator pairs many parts");
        assertEquals(0.0, Metrics.tonalDistance(centroidsC, centroidsC), 1e-12);
    }

    @Test
    void beatConsonanceComparesPulseOnsetsWithTheMelodyNote() {
        // Melody: E5 (76) on steps 0-7, D5 (74) on steps 8-15. Pulses at 0, 4, 8, 12.
        Part melody = part(BAR, new Note(76, 0, 8, 90), new Note(74, 8, 8, 90));
        Part accompaniment = part(BAR,
                new Note(60, 0, 2, 90),   // 76−60 = 16 ≡ 4, major third: consonant
                new Note(65, 2, 2, 90),   // step 2 is not a pulse: ignored
                new Note(59, 4, 4, 90),   // 76−59 = 17 ≡ 5, fourth: dissonant
                new Note(55, 8, 4, 90),   // 74−55 = 19 ≡ 7, fifth: consonant
                new Note(63, 12, 4, 90),  // 74−63 = 11, major seventh: dissonant
                new Note(59, 12, 4, 90)); // 74−59 = 15 ≡ 3, minor third: consonant
        // 3 consonant of 5 pulse onsets = 0.6.
        assertEquals(0.6, Metrics.beatConsonance(List.of(accompaniment), melody, PULSES), 1e-12);
        // Where the melody rests, onsets are not counted: undefined.
        Part silent = part(BAR);
        assertTrue(Double.isNaN(Metrics.beatConsonance(List.of(accompaniment), silent, PULSES)));
    }

    private static double[] chroma(int pitchClass) {
        double[] chroma = new double[12];
        chroma[pitchClass] = 1;
        return chroma;
    }

    private static void assertArrayEquals6(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-12);
    }

    @Test
    void rollBarGridFeedsTheMetrics() {
        PianoRoll roll = new PianoRoll(4, 3 * BAR, List.of(), List.of(), List.of());
        assertEquals(3, roll.barStarts().length);
    }

    @Test
    void barsWithNewNoteCountOnlyBarsWhereTheMelodyPlays() {
        // Melody in bars 0 and 1, silent in bar 2. The part holds one note from step 0 to 39: it starts a note in
        // bar 0 only, so 1 of the melody's 2 bars has a new note; bar 2 (no melody) does not count.
        Part melody = part(3 * BAR, new Note(72, 0, 32, 90));
        Part held = part(3 * BAR, new Note(60, 0, 40, 90));
        assertEquals(0.5, Metrics.barsWithNewNote(List.of(held), melody, THREE_BARS, 3 * BAR), 1e-12);
        // Struck again at step 16: both bars.
        Part struck = part(3 * BAR, new Note(60, 0, 16, 90), new Note(60, 16, 24, 90));
        assertEquals(1.0, Metrics.barsWithNewNote(List.of(struck), melody, THREE_BARS, 3 * BAR), 1e-12);
        assertTrue(Double.isNaN(Metrics.barsWithNewNote(List.of(held), part(3 * BAR), THREE_BARS, 3 * BAR)));
    }

    @Test
    void chordChangesPerBarCountNewPitchClassSetsOnThePulses() {
        // One bar, pulses at 0, 4, 8, 12: C–E (pulses 0 and 4, the second struck again), then C–F (8), then
        // silence (12). Changes: 4 → same set, 8 → new set: 1 change in the 1 sounding bar.
        Part low = part(BAR, new Note(48, 0, 4, 90), new Note(48, 4, 8, 90));
        Part high = part(BAR, new Note(64, 0, 4, 90), new Note(64, 4, 4, 90), new Note(65, 8, 4, 90));
        assertEquals(1.0, Metrics.chordChangesPerBar(List.of(low, high), PULSES, new int[] {0}, BAR), 1e-12);
        assertTrue(Double.isNaN(Metrics.chordChangesPerBar(List.of(part(BAR)), PULSES, new int[] {0}, BAR)));
    }
}
