package dev.continuo.engine.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One accompaniment system's figures on a data set, each averaged over pieces (NaN values skipped).
 *
 * @param system the system's name, e.g. "bach", "preset:chorale", "triad-rule"
 * @param values figure name → mean
 */
public record SystemScores(String system, Map<String, Double> values) {

    /** Accumulates per-piece values into means. */
    static final class Accumulator {
        private final String system;
        private final Map<String, double[]> sums = new LinkedHashMap<>();

        Accumulator(String system) {
            this.system = system;
        }

        void add(Map<String, Double> piece) {
            piece.forEach((name, value) -> {
                double[] sum = sums.computeIfAbsent(name, n -> new double[2]);
                if (!Double.isNaN(value)) {
                    sum[0] += value;
                    sum[1]++;
                }
            });
        }

        SystemScores scores() {
            Map<String, Double> means = new LinkedHashMap<>();
            sums.forEach((name, sum) -> means.put(name, sum[1] == 0 ? Double.NaN : sum[0] / sum[1]));
            return new SystemScores(system, means);
        }
    }
}
