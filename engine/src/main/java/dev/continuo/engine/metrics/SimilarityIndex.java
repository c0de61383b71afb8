package dev.continuo.engine.metrics;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How close a set of accompaniments is to a set of real ones, from 0 (their feature distributions are disjoint) to
 * 1 (the same): the mean, over six musical features, of the overlapping area of the two sets' distributions of that
 * feature — after Yang and Lerch, "On the evaluation of generative models in music" (Neural Computing and
 * Applications, 2018), who compare generated and real sets by the overlapping area of per-feature distributions.
 *
 * <p>Ours differs from theirs in one simplification: each feature's distribution is a histogram over fixed bins
 * pooled over the set (every note, step, bar or sample is one observation), not a kernel density estimate of
 * pairwise distances, so the index needs no bandwidth and is exact on small sets. The features:
 * <ul>
 *   <li>{@code pitch_class}: each note's pitch class (12 bins);</li>
 *   <li>{@code pitch_range}: each sample's highest minus lowest pitch, in bins of 4 semitones (0–47, 48+);</li>
 *   <li>{@code note_length}: each note's length in sixteenths (1, 2, 3, 4, 5–6, 7–8, 9–12, 13–16, 17+);</li>
 *   <li>{@code inter_onset}: the sixteenths between successive onsets within a part, same bins;</li>
 *   <li>{@code polyphony}: the number of pitches sounding at each step where anything sounds (1 … 7, 8+);</li>
 *   <li>{@code chord_changes}: the chord changes in each bar where anything sounds (see
 *       {@link Metrics#chordChangesPerBar}; 0 … 6, 7+).</li>
 * </ul>
 * A feature with no observation in either set (e.g. no onsets at all) is left out of the mean; with none left the
 * index is NaN. Stateless.
 */
public final class SimilarityIndex {

    public static final List<String> FEATURES = List.of("pitch_class", "pitch_range", "note_length", "inter_onset",
            "polyphony", "chord_changes");

    private static final int[] LENGTH_BIN_UPPER = {1, 2, 3, 4, 6, 8, 12, 16};
    private static final int RANGE_BIN_SEMITONES = 4;
    private static final int RANGE_BINS = 13;
    private static final int COUNT_BINS = 8;

    /**
     * One accompaniment and the grid it lies on.
     *
     * @param parts       the accompaniment's parts (not the melody)
     * @param barStarts   the first step of every bar
     * @param pulseStarts the first step of every counted pulse
     * @param steps       the length in steps
     */
    public record Sample(List<Part> parts, int[] barStarts, int[] pulseStarts, int steps) {
    }

    /**
     * The index and the overlap of each feature.
     *
     * @param value    the mean overlap, 0 … 1, NaN when no feature could be compared
     * @param features overlap per feature name (NaN where it could not be compared), in {@link #FEATURES} order
     */
    public record Result(double value, Map<String, Double> features) {
    }

    /** The index of {@code generated} against {@code real}. */
    public Result compare(List<Sample> generated, List<Sample> real) {
        List<FeatureHistogram> ours = histograms(generated);
        List<FeatureHistogram> theirs = histograms(real);
        Map<String, Double> features = new LinkedHashMap<>();
        double sum = 0;
        int compared = 0;
        for (int i = 0; i < FEATURES.size(); i++) {
            double overlap = ours.get(i).overlap(theirs.get(i));
            features.put(FEATURES.get(i), overlap);
            if (!Double.isNaN(overlap)) {
                sum += overlap;
                compared++;
            }
        }
        return new Result(compared == 0 ? Double.NaN : sum / compared, features);
    }

    /** The six histograms of a set, in {@link #FEATURES} order. */
    private static List<FeatureHistogram> histograms(List<Sample> samples) {
        FeatureHistogram pitchClass = new FeatureHistogram(12);
        FeatureHistogram range = new FeatureHistogram(RANGE_BINS);
        FeatureHistogram length = new FeatureHistogram(LENGTH_BIN_UPPER.length + 1);
        FeatureHistogram interOnset = new FeatureHistogram(LENGTH_BIN_UPPER.length + 1);
        FeatureHistogram polyphony = new FeatureHistogram(COUNT_BINS);
        FeatureHistogram chordChanges = new FeatureHistogram(COUNT_BINS);
        for (Sample sample : samples) {
            int low = PianoRoll.PITCHES;
            int high = -1;
            for (Part part : sample.parts()) {
                List<Note> notes = part.notes();
                int previousOnset = -1;
                for (Note note : notes) {
                    pitchClass.add(note.pitch() % 12);
                    length.add(lengthBin(note.lengthSteps()));
                    low = Math.min(low, note.pitch());
                    high = Math.max(high, note.pitch());
                    if (previousOnset >= 0 && note.startStep() > previousOnset) {
                        interOnset.add(lengthBin(note.startStep() - previousOnset));
                    }
                    previousOnset = note.startStep();
                }
            }
            if (high >= 0) {
                range.add((high - low) / RANGE_BIN_SEMITONES);
            }
            for (int step = 0; step < sample.steps(); step++) {
                int sounding = 0;
                for (Part part : sample.parts()) {
                    sounding += part.soundingCount(step);
                }
                if (sounding > 0) {
                    polyphony.add(sounding - 1);
                }
            }
            addChordChanges(sample, chordChanges);
        }
        return List.of(pitchClass, range, length, interOnset, polyphony, chordChanges);
    }

    private static void addChordChanges(Sample sample, FeatureHistogram histogram) {
        int[] bars = sample.barStarts();
        for (int bar = 0; bar < bars.length; bar++) {
            int start = bars[bar];
            int end = bar + 1 < bars.length ? bars[bar + 1] : sample.steps();
            int[] pulses = Arrays.stream(sample.pulseStarts()).filter(step -> step >= start && step < end).toArray();
            double changes = Metrics.chordChangesPerBar(sample.parts(), pulses, new int[] {start}, end);
            if (!Double.isNaN(changes)) {
                histogram.add((int) Math.round(changes));
            }
        }
    }

    private static int lengthBin(int steps) {
        for (int bin = 0; bin < LENGTH_BIN_UPPER.length; bin++) {
            if (steps <= LENGTH_BIN_UPPER[bin]) {
                return bin;
            }
        }
        return LENGTH_BIN_UPPER.length;
    }
}
