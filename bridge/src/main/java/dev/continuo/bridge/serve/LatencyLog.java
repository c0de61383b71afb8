package dev.continuo.bridge.serve;

import java.util.Arrays;

/** The most recent latency measurements (milliseconds) and their percentiles. Thread-safe. */
public final class LatencyLog {

    private final double[] values;
    private long count;

    public LatencyLog(int capacity) {
        this.values = new double[capacity];
    }

    public synchronized void add(double millis) {
        values[(int) (count++ % values.length)] = millis;
    }

    public synchronized long count() {
        return count;
    }

    /** The q-quantile (0–1) of the kept values, or NaN if there are none. */
    public synchronized double quantile(double q) {
        int size = (int) Math.min(count, values.length);
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(size - 1, Math.round(q * (size - 1)))];
    }
}
