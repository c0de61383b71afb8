package dev.continuo.engine.metrics;

import java.util.Arrays;

/**
 * A distribution of one musical feature over fixed bins, built by counting, compared by overlapping area.
 *
 * <p>Not thread-safe while counting.
 */
public final class FeatureHistogram {

    private final double[] counts;

    /** An empty histogram of {@code bins} bins. */
    public FeatureHistogram(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least one bin: " + bins);
        }
        counts = new double[bins];
    }

    /** A histogram with these counts (copied). */
    public static FeatureHistogram of(double... counts) {
        FeatureHistogram histogram = new FeatureHistogram(counts.length);
        System.arraycopy(counts, 0, histogram.counts, 0, counts.length);
        return histogram;
    }

    /** Counts one observation into {@code bin}, clamped to the first and last bins. */
    public void add(int bin) {
        counts[Math.max(0, Math.min(counts.length - 1, bin))]++;
    }

    /** Number of observations. */
    public double total() {
        return Arrays.stream(counts).sum();
    }

    /**
     * The overlapping area of the two normalized distributions, Σ min(p_i, q_i): 1 for the same shape, 0 for
     * disjoint ones. NaN when either is empty (nothing to compare).
     *
     * @throws IllegalArgumentException if the bin counts differ
     */
    public double overlap(FeatureHistogram other) {
        if (other.counts.length != counts.length) {
            throw new IllegalArgumentException("histograms of " + counts.length + " and " + other.counts.length
                    + " bins");
        }
        double total = total();
        double otherTotal = other.total();
        if (total == 0 || otherTotal == 0) {
            return Double.NaN;
        }
        double area = 0;
        for (int i = 0; i < counts.length; i++) {
            area += Math.min(counts[i] / total, other.counts[i] / otherTotal);
        }
        return Math.min(1, area);
    }
}
