package dev.continuo.engine.training;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.metrics.ChordAgreement;
import dev.continuo.engine.metrics.Key;
import dev.continuo.engine.metrics.KeyEstimator;
import dev.continuo.engine.metrics.Metrics;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accompanies held-out melodies and measures the result, averaged over pieces: the figures a training run tracks
 * (like DeepComposer's console, corrected) and the same figures for the real parts, to compare against.
 */
public final class SampleEvaluator {

    /** Names of the figures, in report order. */
    public static final List<String> METRICS = List.of("empty_bar_rate", "in_scale", "beat_consonance",
        "pitches_used", "chord_agreement");

    private final List<Example> examples;
    private final KeyEstimator keys = new KeyEstimator();

    public SampleEvaluator(List<Example> examples) {
        this.examples = List.copyOf(examples);
    }

    /** The figures of the accompaniments the accompanist generates (seed 0). */
    public Map<String, Double> generated(Accompanist accompanist) {
        double[] sums = new double[METRICS.size()];
        for (Example example : examples) {
            List<Part> parts = accompanist.generate(example.melody(), GenerationSettings.defaults());
            add(sums, measure(example, parts));
        }
        return average(sums);
    }

    /** The same figures for the examples' own parts. */
    public Map<String, Double> reference() {
        double[] sums = new double[METRICS.size()];
        for (Example example : examples) {
            add(sums, measure(example, example.parts()));
        }
        return average(sums);
    }

    private double[] measure(Example example, List<Part> parts) {
        PianoRoll grid = new PianoRoll(4, example.steps(), List.of(), List.of(), List.of());
        Key key = keys.estimate(example.melody());
        List<Part> reference = example.parts();
        return new double[] {
            Metrics.emptyBarRate(parts, grid.barStarts(), example.steps()),
            Metrics.inScaleRate(parts, key),
            Metrics.beatConsonance(parts, example.melody(), grid.pulseStarts()),
            Metrics.pitchesUsed(parts),
            ChordAgreement.of(parts, reference, grid.pulseStarts()),
        };
    }

    private static void add(double[] sums, double[] values) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += Double.isNaN(values[i]) ? 0 : values[i];
        }
    }

    private Map<String, Double> average(double[] sums) {
        Map<String, Double> averages = new LinkedHashMap<>();
        for (int i = 0; i < sums.length; i++) {
            averages.put(METRICS.get(i), sums[i] / examples.size());
        }
        return averages;
    }
}
