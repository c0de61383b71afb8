package dev.continuo.engine.generate;

/**
 * Removes flicker from a single voice given as one value per step (a pitch row, or -1 for a rest): scanning from
 * the start, every run of equal values shorter than the minimum takes the value of the run before it (or, for a
 * short first run, of the run after it). One pass, linear in the length. Stateless.
 */
final class MonophonicSmoothing {

    private MonophonicSmoothing() {
    }

    /** Rewrites {@code values} in place. */
    static void mergeShortRuns(int[] values, int minimum) {
        if (minimum <= 1 || values.length == 0) {
            return;
        }
        int start = 0;
        while (start < values.length) {
            int end = start + 1;
            while (end < values.length && values[end] == values[start]) {
                end++;
            }
            if (end - start < minimum) {
                if (start > 0) {
                    java.util.Arrays.fill(values, start, end, values[start - 1]);
                } else if (end < values.length) {
                    java.util.Arrays.fill(values, start, end, values[end]);
                    continue;
                }
            }
            start = end;
        }
    }
}
