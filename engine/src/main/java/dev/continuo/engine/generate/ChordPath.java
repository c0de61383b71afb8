package dev.continuo.engine.generate;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.metrics.KeyEstimator;
import dev.continuo.engine.preset.ChordProgression;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses one chord per beat for a whole melody: the most likely path through a {@link ChordProgression} (Viterbi),
 * scoring each beat's chord by the melody it sounds under, the step from the chord before on that kind of beat, and
 * its similarity with the chord the model's parts sound there. The data's harmonic rhythm — where chords change,
 * which follow which — so enters decoding as well as the model's own view of the melody. Immutable.
 */
public final class ChordPath {

    /** How strongly the model's own chords count against the data's, as measured best for the folk preset. */
    public static final double DEFAULT_MODEL_WEIGHT = 3;

    private static final int BEAT = ChordPrior.BEAT_STEPS;
    /** Beats per bar of the data sets' pieces, which are read in 4/4. */
    private static final int DATA_BEATS_PER_BAR = 4;
    /**
     * The most chords learnt, and on how many beats (at least, and at least which share of the counted ones) a set
     * must sound to count as one: rare sets, chosen by the path, measured worse than the common ones they replace.
     */
    private static final int MAX_CHORDS = 64;
    private static final int MIN_CHORD_BEATS = 5;
    private static final double MIN_CHORD_SHARE = 0.001;
    private static final double MELODY_SMOOTHING = 0.5;
    private static final double TRANSITION_SMOOTHING = 0.1;
    private static final double START_SMOOTHING = 1;

    private final ChordProgression progression;
    private final double[][] melodyLog;
    private final double[][][] transitionLog;
    private final double[] startLog;

    public ChordPath(ChordProgression progression) {
        this.progression = progression;
        int size = progression.chords().length;
        melodyLog = new double[size][];
        for (int c = 0; c < size; c++) {
            melodyLog[c] = logShares(progression.melody()[c], MELODY_SMOOTHING);
        }
        transitionLog = new double[ChordProgression.BEAT_KINDS][size][];
        for (int kind = 0; kind < ChordProgression.BEAT_KINDS; kind++) {
            for (int c = 0; c < size; c++) {
                transitionLog[kind][c] = logShares(progression.transitions()[kind][c], TRANSITION_SMOOTHING);
            }
        }
        startLog = logShares(progression.starts(), START_SMOOTHING);
    }

    /**
     * Counts the examples' chords on the beat (every {@value ChordPrior#BEAT_STEPS} steps; pieces in 4/4), in the
     * parts marked in {@code counted}: the commonest sets become the chords, and the beats on which one follows
     * another the transitions.
     *
     * @param keyNormalized move each piece to C major / A minor by its melody's estimated key first, as training does
     */
    public static ChordProgression learn(List<Example> examples, boolean[] counted, boolean keyNormalized,
            double modelWeight, double voicingWeight) {
        KeyEstimator keys = new KeyEstimator();
        List<int[]> pieceSets = new ArrayList<>();
        List<int[][]> pieceMelodies = new ArrayList<>();
        Map<Integer, Integer> beatsPerSet = new HashMap<>();
        for (Example example : examples) {
            int shift = keyNormalized ? keys.estimate(example.melody()).shiftToC() : 0;
            int beats = (example.steps() + BEAT - 1) / BEAT;
            int[] sets = new int[beats];
            for (int beat = 0; beat < beats; beat++) {
                sets[beat] = ChordPrior.rotate(ChordPrior.countedPitchClasses(example, counted, beat * BEAT), shift);
                if (sets[beat] != 0) {
                    beatsPerSet.merge(sets[beat], 1, Integer::sum);
                }
            }
            pieceSets.add(sets);
            pieceMelodies.add(melodyWeights(example.melody(), shift, example.steps()));
        }
        long chordBeats = beatsPerSet.values().stream().mapToLong(Integer::longValue).sum();
        double least = Math.max(MIN_CHORD_BEATS, MIN_CHORD_SHARE * chordBeats);
        int[] chords = beatsPerSet.entrySet().stream().filter(e -> e.getValue() >= least)
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CHORDS).mapToInt(Map.Entry::getKey).toArray();
        if (chords.length == 0) {
            throw new IllegalArgumentException("the data sounds no chord on at least " + MIN_CHORD_BEATS + " beats");
        }
        Map<Integer, Integer> index = new HashMap<>();
        for (int c = 0; c < chords.length; c++) {
            index.put(chords[c], c);
        }
        long[][] melody = new long[chords.length][12];
        long[][][] transitions = new long[ChordProgression.BEAT_KINDS][chords.length][chords.length];
        long[] starts = new long[chords.length];
        for (int p = 0; p < pieceSets.size(); p++) {
            int[] sets = pieceSets.get(p);
            int[][] weights = pieceMelodies.get(p);
            int previous = -1;
            for (int beat = 0; beat < sets.length; beat++) {
                Integer chord = index.get(sets[beat]);
                if (chord == null) {
                    previous = -1;
                    continue;
                }
                for (int pc = 0; pc < 12; pc++) {
                    melody[chord][pc] += weights[beat][pc];
                }
                if (previous < 0) {
                    starts[chord]++;
                } else {
                    transitions[kind(beat % DATA_BEATS_PER_BAR, DATA_BEATS_PER_BAR)][previous][chord]++;
                }
                previous = chord;
            }
        }
        return new ChordProgression(chords, melody, transitions, starts, modelWeight, voicingWeight);
    }

    /**
     * The chord (a pitch-class set) chosen for each beat.
     *
     * @param melody    per beat, per pitch class, the melody's sixteenths in it (see {@link #melodyWeights})
     * @param kinds     per beat, its kind (see {@link #kind})
     * @param modelSets per beat, the pitch classes the model's parts sound at its start (0: none)
     * @param mayChange per beat, whether the chord may change there (see {@link #changesAllowed})
     */
    public int[] choose(int[][] melody, int[] kinds, int[] modelSets, boolean[] mayChange) {
        int beats = melody.length;
        int size = progression.chords().length;
        int[] result = new int[beats];
        if (beats == 0) {
            return result;
        }
        double[] scores = new double[size];
        double[] next = new double[size];
        int[][] from = new int[beats][size];
        for (int c = 0; c < size; c++) {
            scores[c] = startLog[c] + emission(c, melody[0], modelSets[0]);
        }
        for (int beat = 1; beat < beats; beat++) {
            double[][] steps = transitionLog[kinds[beat]];
            for (int c = 0; c < size; c++) {
                double best = Double.NEGATIVE_INFINITY;
                int bestFrom = 0;
                for (int p = 0; p < size; p++) {
                    double score = scores[p] + steps[p][c];
                    if (score > best && (p == c || mayChange[beat])) {
                        best = score;
                        bestFrom = p;
                    }
                }
                next[c] = best + emission(c, melody[beat], modelSets[beat]);
                from[beat][c] = bestFrom;
            }
            double[] swap = scores;
            scores = next;
            next = swap;
        }
        int chord = 0;
        for (int c = 1; c < size; c++) {
            if (scores[c] > scores[chord]) {
                chord = c;
            }
        }
        for (int beat = beats - 1; beat >= 0; beat--) {
            result[beat] = progression.chords()[chord];
            chord = from[beat][chord];
        }
        return result;
    }

    /** How strongly the parts' pitches are pulled towards the path's chords. */
    public double voicingWeight() {
        return progression.voicingWeight();
    }

    /** Per beat of a roll of {@code steps}, per pitch class (moved by {@code shift}), the melody's sixteenths in it. */
    public static int[][] melodyWeights(Part melody, int shift, int steps) {
        int[][] weights = new int[(steps + BEAT - 1) / BEAT][12];
        for (int step = 0; step < steps; step++) {
            int set = ChordPrior.rotate(ChordPrior.pitchClasses(melody, step), shift);
            for (int pc = 0; pc < 12; pc++) {
                if ((set & (1 << pc)) != 0) {
                    weights[step / BEAT][pc] += step % BEAT == 0 ? 2 : 1;
                }
            }
        }
        return weights;
    }

    /** The kind of the beat {@code beatInBar} of a bar of {@code beatsPerBar}: first, middle or other. */
    public static int kind(int beatInBar, int beatsPerBar) {
        if (beatInBar == 0) {
            return 0;
        }
        return beatsPerBar % 2 == 0 && 2 * beatInBar == beatsPerBar ? 1 : 2;
    }

    /**
     * The kind of each beat of a roll of {@code steps} with bars starting at {@code barStarts} (ascending; without
     * bars, 4/4 from step 0): a pickup's beats are weak, a last bar of unknown length has four beats.
     */
    public static int[] kinds(int steps, int[] barStarts) {
        int[] kinds = new int[(steps + BEAT - 1) / BEAT];
        int bar = 0;
        for (int beat = 0; beat < kinds.length; beat++) {
            int step = beat * BEAT;
            while (bar + 1 < barStarts.length && barStarts[bar + 1] <= step) {
                bar++;
            }
            if (barStarts.length == 0 || step < barStarts[0]) {
                kinds[beat] = barStarts.length == 0 ? kind(beat % DATA_BEATS_PER_BAR, DATA_BEATS_PER_BAR)
                        : kind(1, DATA_BEATS_PER_BAR);
                continue;
            }
            int start = barStarts[bar];
            int end = bar + 1 < barStarts.length ? barStarts[bar + 1] : start + DATA_BEATS_PER_BAR * BEAT;
            int beatsPerBar = Math.max(1, (end - start + BEAT - 1) / BEAT);
            kinds[beat] = kind((step - start) / BEAT, beatsPerBar);
        }
        return kinds;
    }

    /**
     * Per beat, whether a chord may change there when new pitches must hold {@code changeSteps}: on every beat for
     * up to half a bar of 4/4, else on a bar's first and middle beats, and from a whole bar on its first beats only
     * (as sparse densities ask).
     */
    public static boolean[] changesAllowed(int[] kinds, int changeSteps) {
        boolean[] allowed = new boolean[kinds.length];
        int barSteps = DATA_BEATS_PER_BAR * BEAT;
        for (int beat = 0; beat < kinds.length; beat++) {
            allowed[beat] = changeSteps < barSteps / 2 || kinds[beat] == 0
                    || changeSteps < barSteps && kinds[beat] == 1;
        }
        return allowed;
    }

    /** The Jaccard similarity of two pitch-class sets (0 when both are empty). */
    public static double similarity(int a, int b) {
        int union = Integer.bitCount(a | b);
        return union == 0 ? 0 : (double) Integer.bitCount(a & b) / union;
    }

    private double emission(int chord, int[] melody, int modelSet) {
        double score = 0;
        for (int pc = 0; pc < 12; pc++) {
            score += melody[pc] * melodyLog[chord][pc];
        }
        return modelSet == 0 ? score
                : score + progression.modelWeight() * similarity(modelSet, progression.chords()[chord]);
    }

    private static double[] logShares(long[] counts, double smoothing) {
        double total = 0;
        for (long count : counts) {
            total += count + smoothing;
        }
        double[] logs = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            logs[i] = Math.log((counts[i] + smoothing) / total);
        }
        return logs;
    }
}
