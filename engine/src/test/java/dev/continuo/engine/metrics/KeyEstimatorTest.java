package dev.continuo.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import org.junit.jupiter.api.Test;

class KeyEstimatorTest {

    private static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    private static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

    private final KeyEstimator estimator = new KeyEstimator();

    @Test
    void eachRotatedKeyProfileIsItsOwnKey() {
        // A profile correlates perfectly (r = 1) with itself, so all 24 rotations must come back as their key.
        for (int tonic = 0; tonic < 12; tonic++) {
            assertEquals(new Key(tonic, false), estimator.estimate(rotate(MAJOR, tonic)));
            assertEquals(new Key(tonic, true), estimator.estimate(rotate(MINOR, tonic)));
        }
    }

    @Test
    void estimatesTheKeyOfSimpleMelodies() {
        // G major scale with G held longest: G major.
        assertEquals(new Key(7, false), estimator.estimate(melody(new int[] {67, 69, 71, 72, 74, 76, 78, 79},
                new int[] {8, 2, 2, 2, 4, 2, 2, 8})));
        // A natural minor dwelling on A, C and E: A minor.
        assertEquals(new Key(9, true), estimator.estimate(melody(new int[] {69, 71, 72, 74, 76, 72, 69},
                new int[] {8, 2, 4, 2, 6, 2, 8})));
    }

    @Test
    void flatOrEmptyProfilesFallBackToCMajor() {
        assertEquals(Key.C_MAJOR, estimator.estimate(new double[12]));
        double[] flat = new double[12];
        java.util.Arrays.fill(flat, 3);
        assertEquals(Key.C_MAJOR, estimator.estimate(flat));
    }

    @Test
    void scalesOfKeys() {
        Key dMinor = new Key(2, true);
        assertTrue(dMinor.inScale(10), "B flat is in D minor");
        assertFalse(dMinor.inScale(11), "B natural is not");
        assertFalse(dMinor.inScale(1), "the raised leading tone C# is outside the natural minor scale");
        assertEquals("D minor", dMinor.toString());
        assertEquals("F# major", new Key(6, false).toString());
    }

    private static double[] rotate(double[] profile, int tonic) {
        double[] rotated = new double[12];
        for (int pc = 0; pc < 12; pc++) {
            rotated[(pc + tonic) % 12] = profile[pc];
        }
        return rotated;
    }

    private static Part melody(int[] pitches, int[] lengths) {
        int steps = 0;
        for (int length : lengths) {
            steps += length;
        }
        Part part = new Part("m", 0, 0, 0, steps);
        int step = 0;
        for (int i = 0; i < pitches.length; i++) {
            part.addNote(new Note(pitches[i], step, lengths[i], 90));
            step += lengths[i];
        }
        return part;
    }

    @Test
    void everyKeyMovesToCMajorOrAMinorByTheShortestWay() {
        assertEquals(0, new Key(0, false).shiftToC());
        assertEquals(0, new Key(9, true).shiftToC(), "A minor is C major's relative");
        assertEquals(-2, new Key(2, false).shiftToC(), "D major down a tone");
        assertEquals(-5, new Key(2, true).shiftToC(), "D minor (F major's relative) down a fourth");
        assertEquals(5, new Key(7, false).shiftToC(), "G major up a fourth");
        assertEquals(6, new Key(6, false).shiftToC(), "F# major: the tritone goes up");
        for (int tonic = 0; tonic < 12; tonic++) {
            for (boolean minor : new boolean[] {false, true}) {
                Key key = new Key(tonic, minor);
                Key moved = new Key(Math.floorMod(tonic + key.shiftToC(), 12), minor);
                assertEquals(minor ? new Key(9, true) : Key.C_MAJOR, moved, key.toString());
            }
        }
    }
}
