package dev.continuo.engine.generate;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.metrics.KeyEstimator;
import dev.continuo.engine.preset.BeatChord;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training data's harmony on the beat: how likely each set of pitch classes in the parts is, given the melody's,
 * learnt by counting (see {@link BeatChord}) and smoothed towards how often the parts' set occurs at all, so that a
 * melody the data never harmonised still gets the data's common chords. Immutable.
 */
public final class ChordPrior {

    /** Steps between the beats counted: quarter notes of sixteenths, from the first step. */
    public static final int BEAT_STEPS = 4;
    /** Weight of the parts' overall distribution against a melody's own counts, in beats. */
    private static final double BACKOFF_BEATS = 1;
    /** Added to every parts set's count, so that no set is impossible. */
    private static final double SMOOTHING = 0.5;

    private final Map<Integer, Long> counts = new HashMap<>();
    private final long[] melodyBeats = new long[BeatChord.SETS];
    private final double[] partsProbability = new double[BeatChord.SETS];

    public ChordPrior(List<BeatChord> chords) {
        long[] partsBeats = new long[BeatChord.SETS];
        long total = 0;
        for (BeatChord chord : chords) {
            counts.merge(key(chord.melody(), chord.parts()), chord.count(), Long::sum);
            melodyBeats[chord.melody()] += chord.count();
            partsBeats[chord.parts()] += chord.count();
            total += chord.count();
        }
        for (int set = 1; set < BeatChord.SETS; set++) {
            partsProbability[set] = (partsBeats[set] + SMOOTHING) / (total + SMOOTHING * (BeatChord.SETS - 1));
        }
    }

    /**
     * Counts the examples' beats (every {@link #BEAT_STEPS} steps) on which any of the parts marked in
     * {@code counted} sounds.
     *
     * @param keyNormalized move each piece to C major / A minor by its melody's estimated key first, as training does
     */
    public static List<BeatChord> learn(List<Example> examples, boolean[] counted, boolean keyNormalized) {
        Map<Integer, Long> counts = new HashMap<>();
        KeyEstimator keys = new KeyEstimator();
        for (Example example : examples) {
            int shift = keyNormalized ? keys.estimate(example.melody()).shiftToC() : 0;
            for (int step = 0; step < example.steps(); step += BEAT_STEPS) {
                int parts = countedPitchClasses(example, counted, step);
                if (parts != 0) {
                    counts.merge(key(rotate(pitchClasses(example.melody(), step), shift), rotate(parts, shift)), 1L,
                            Long::sum);
                }
            }
        }
        List<BeatChord> chords = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> chords.add(new BeatChord(e.getKey() >>> 12, e.getKey() & (BeatChord.SETS - 1),
                        e.getValue())));
        return chords;
    }

    /** log P(the parts sound {@code parts}, not empty, | the melody sounds {@code melody}) on a beat. */
    public double logProbability(int melody, int parts) {
        long count = counts.getOrDefault(key(melody, parts), 0L);
        return Math.log((count + BACKOFF_BEATS * partsProbability[parts]) / (melodyBeats[melody] + BACKOFF_BEATS));
    }

    /** The pitch classes that the example's parts marked in {@code counted} sound at a step, as a set. */
    static int countedPitchClasses(Example example, boolean[] counted, int step) {
        int set = 0;
        for (int i = 0; i < example.parts().size() && i < counted.length; i++) {
            if (counted[i]) {
                set |= pitchClasses(example.parts().get(i), step);
            }
        }
        return set;
    }

    /** The pitch classes sounding in a part at a step, as a set. */
    public static int pitchClasses(Part part, int step) {
        int set = 0;
        if (step < part.steps()) {
            for (int pitch = 0; pitch < 128; pitch++) {
                if (part.isSounding(step, pitch)) {
                    set |= 1 << (pitch % 12);
                }
            }
        }
        return set;
    }

    /** A pitch-class set moved up by {@code semitones}. */
    public static int rotate(int set, int semitones) {
        int s = Math.floorMod(semitones, 12);
        return ((set << s) | (set >>> (12 - s))) & (BeatChord.SETS - 1);
    }

    private static int key(int melody, int parts) {
        return (melody << 12) | parts;
    }
}
