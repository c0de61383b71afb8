package dev.continuo.engine.training;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.metrics.ChordAgreement;
import dev.continuo.engine.metrics.Key;
import dev.continuo.engine.metrics.KeyEstimator;
import dev.continuo.engine.metrics.Metrics;
import dev.continuo.engine.metrics.SimilarityIndex;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accompanies held-out melodies and measures the result, averaged over pieces: the figures a training run tracks
 * (like DeepComposer's console, corrected) and the same figures for the real parts, to compare against; and the
 * {@link SimilarityIndex} of the generated set to the real one.
 */
public final class SampleEvaluator {

    /** Names of the figures, in report order. */
    public static final List<String> METRICS = List.of("empty_bar_rate", "in_scale", "beat_consonance",
        "pitches_used", "chord_agreement", "similarity_index");

    private static final int PER_PIECE = 5;

    private final List<Example> examples;
    private final KeyEstimator keys = new KeyEstimator();
    private final SimilarityIndex similarity = new SimilarityIndex();

    public SampleEvaluator(List<Example> examples) {
        this.examples = List.copyOf(examples);
    }

    /**
     * The figures of the accompaniments the accompanist generates (seed 0), and their {@link SimilarityIndex} to
     * the examples' own parts.
     */
    public Map<String, Double> generated(Accompanist accompanist) {
        double[] sums = new double[PER_PIECE];
        List<SimilarityIndex.Sample> generated = new ArrayList<>();
        for (Example example : examples) {
            List<Part> parts = accompanist.generate(example.melody(), GenerationSettings.defaults());
            add(sums, measure(example, parts));
            generated.add(sample(example, parts));
        }
        return average(sums, similarity.compare(generated, realSamples()).value());
    }

    /**
     * The first held-out melody with the accompanist's parts (seed 0), as a roll to look at; empty when there are
     * no held-out pieces.
     */
    public Optional<PianoRoll> sample(Accompanist accompanist) {
        if (examples.isEmpty()) {
            return Optional.empty();
        }
        Example example = examples.get(0);
        List<Part> parts = new ArrayList<>();
        parts.add(example.melody());
        parts.addAll(accompanist.generate(example.melody(), GenerationSettings.defaults()));
        return Optional.of(new PianoRoll(4, example.steps(), parts, List.of(), List.of()));
    }

    /** The same figures for the examples' own parts (whose similarity index is 1 by definition). */
    public Map<String, Double> reference() {
        double[] sums = new double[PER_PIECE];
        for (Example example : examples) {
            add(sums, measure(example, example.parts()));
        }
        return average(sums, 1.0);
    }

    private List<SimilarityIndex.Sample> realSamples() {
        return examples.stream().map(example -> sample(example, example.parts())).toList();
    }

    private static SimilarityIndex.Sample sample(Example example, List<Part> parts) {
        PianoRoll grid = grid(example);
        return new SimilarityIndex.Sample(parts, grid.barStarts(), grid.pulseStarts(), example.steps());
    }

    private static PianoRoll grid(Example example) {
        return new PianoRoll(4, example.steps(), List.of(), List.of(), List.of());
    }

    private double[] measure(Example example, List<Part> parts) {
        PianoRoll grid = grid(example);
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

    private Map<String, Double> average(double[] sums, double similarityIndex) {
        Map<String, Double> averages = new LinkedHashMap<>();
        for (int i = 0; i < sums.length; i++) {
            averages.put(METRICS.get(i), sums[i] / examples.size());
        }
        averages.put(METRICS.get(PER_PIECE), similarityIndex);
        return averages;
    }
}
