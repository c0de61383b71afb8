package dev.continuo.engine.preset;

import java.util.Arrays;
import java.util.Objects;

/**
 * The training data's chords from beat to beat, as counts, in the key the model was trained in: which sets of pitch
 * classes its parts sound on the beat, what the melody sounds under each, and which chord follows which on each
 * kind of beat (the bar's first, its middle, the others) — a hidden Markov model of the data's harmony and harmonic
 * rhythm. Bit p of a set is pitch class p (0 = C).
 *
 * @param chords       the parts' commonest sets on the beat, none empty, no two alike
 * @param melody       per chord, per pitch class, how many sixteenths the melody sounded it in the beats the chord
 *                     sounded (a beat's first sixteenth counted twice)
 * @param transitions  per kind of beat ({@link #BEAT_KINDS}), per chord before, per chord on this beat: how often
 * @param starts       per chord, how often a run of chords began with it
 * @param modelWeight  how strongly the model's own chord on each beat counts when the path is chosen, against the
 *                     data's transitions and melody (in log probability per beat, times the chords' similarity)
 * @param voicingWeight how strongly the parts' pitches are pulled towards the chosen path's chords (times the
 *                     similarity of the beat's set with the path's)
 */
public record ChordProgression(int[] chords, long[][] melody, long[][][] transitions, long[] starts,
        double modelWeight, double voicingWeight) {

    /** Kinds of beat: a bar's first, its middle (in a bar of an even number of beats), any other. */
    public static final int BEAT_KINDS = 3;
    /** The most chords a progression may hold. */
    public static final int MAX_CHORDS = 256;
    /** The largest weight accepted. */
    public static final double MAX_WEIGHT = 100;

    public ChordProgression {
        int size = chords == null ? 0 : chords.length;
        if (size == 0 || size > MAX_CHORDS) {
            throw new IllegalArgumentException("a chord progression needs 1-" + MAX_CHORDS + " chords, not " + size);
        }
        if (Arrays.stream(chords).anyMatch(set -> set <= 0 || set >= BeatChord.SETS)
                || Arrays.stream(chords).distinct().count() != size) {
            throw new IllegalArgumentException("a progression's chords must be distinct, non-empty pitch-class sets "
                    + "(1-4095): " + Arrays.toString(chords));
        }
        if (melody == null || melody.length != size || Arrays.stream(melody).anyMatch(row -> !counts(row, 12))) {
            throw new IllegalArgumentException("a progression needs 12 melody counts of at least 0 per chord");
        }
        if (transitions == null || transitions.length != BEAT_KINDS || Arrays.stream(transitions).anyMatch(
                kind -> kind == null || kind.length != size || Arrays.stream(kind).anyMatch(row -> !counts(row, size)))) {
            throw new IllegalArgumentException("a progression needs " + BEAT_KINDS + " tables of chord-to-chord "
                    + "counts of at least 0, " + size + " × " + size);
        }
        if (!counts(starts, size)) {
            throw new IllegalArgumentException("a progression needs a start count of at least 0 per chord");
        }
        if (!(modelWeight >= 0 && modelWeight <= MAX_WEIGHT && voicingWeight >= 0 && voicingWeight <= MAX_WEIGHT)) {
            throw new IllegalArgumentException("a progression's weights must lie in 0.." + (int) MAX_WEIGHT + ": "
                    + modelWeight + ", " + voicingWeight);
        }
    }

    /** This progression with other weights. */
    public ChordProgression withWeights(double model, double voicing) {
        return new ChordProgression(chords, melody, transitions, starts, model, voicing);
    }

    /** Progressions are equal when their counts and weights are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ChordProgression that && Arrays.equals(chords, that.chords)
                && Arrays.deepEquals(melody, that.melody) && Arrays.deepEquals(transitions, that.transitions)
                && Arrays.equals(starts, that.starts) && modelWeight == that.modelWeight
                && voicingWeight == that.voicingWeight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(chords), Arrays.deepHashCode(melody), Arrays.deepHashCode(transitions),
                Arrays.hashCode(starts), modelWeight, voicingWeight);
    }

    @Override
    public String toString() {
        return "ChordProgression[" + chords.length + " chords, weights " + modelWeight + ", " + voicingWeight + "]";
    }

    private static boolean counts(long[] row, int length) {
        return row != null && row.length == length && Arrays.stream(row).allMatch(count -> count >= 0);
    }
}
