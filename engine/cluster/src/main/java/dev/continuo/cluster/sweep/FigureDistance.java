package dev.continuo.cluster.sweep;

import java.util.List;
import java.util.Map;

/**
 * How far a preset's held-out figures lie from those of the real parts: the mean of |Δ| over the empty-bar,
 * in-scale and beat-consonance rates and of |Δ| / real for pitches used, as {@code evaluate --dataset}'s
 * distance combines them (over the figures a training run measures). 0 is "like the data".
 */
final class FigureDistance {

    private static final List<String> RATES = List.of("empty_bar_rate", "in_scale", "beat_consonance");
    private static final String PITCHES = "pitches_used";

    private FigureDistance() {
    }

    static double of(Map<String, Double> generated, Map<String, Double> real) {
        double sum = 0;
        for (String rate : RATES) {
            sum += Math.abs(generated.get(rate) - real.get(rate));
        }
        double realPitches = real.get(PITCHES);
        sum += realPitches == 0 ? 0 : Math.abs(generated.get(PITCHES) - realPitches) / realPitches;
        return sum / (RATES.size() + 1);
    }
}
