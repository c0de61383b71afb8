package dev.continuo.engine.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one track of the generator's output (tanh values per step and pitch row) into notes on pitch rows.
 *
 * <p>Without an onset plane a run of sounding cells is one held note. With one, notes also start at the model's
 * strongest onsets: local peaks of its onset output, as many as the onset rate asks, at least {@code minNoteSteps}
 * apart. The ranking, not an absolute level, decides, because a generator trained on sparse onsets rarely pushes
 * their probability over ½ though its peaks sit where the data strikes. A monophonic track also starts a note where
 * its most confident pitch changes and holds for at least {@code changeSteps} (shorter runs take the pitch before
 * them), and each note takes the row the model holds most over its span. A polyphonic track splits its runs of
 * sounding cells at the onsets. Stateless.
 */
final class TrackDecoder {

    /** One plane of a track's output. */
    interface Plane {
        float at(int step, int row);
    }

    /** A decoded note on a pitch row. */
    record RowNote(int row, int start, int length) {
    }

    private TrackDecoder() {
    }

    /**
     * @param sustain      where notes sound
     * @param onsets       where notes start, or null for a model without onset planes
     * @param length       steps to decode
     * @param rows         pitch rows
     * @param threshold    a cell sounds above this
     * @param onsetRate    share of the sounding steps that may start a note at an onset (ignored without onsets)
     * @param minNoteSteps no note shorter than this many steps (merged into the one before)
     * @param changeSteps  with onsets, a monophonic track changes pitch only where the new pitch holds this long
     */
    static List<RowNote> decode(Plane sustain, Plane onsets, int length, int rows, double threshold,
            double onsetRate, boolean monophonic, int minNoteSteps, int changeSteps) {
        if (onsets == null) {
            boolean[] none = new boolean[length];
            return monophonic ? fromStarts(bestRows(sustain, length, rows, threshold, minNoteSteps), none, null, rows)
                    : polyphonic(sustain, length, rows, threshold, none);
        }
        int[] best = bestRows(sustain, length, rows, threshold, 1);
        boolean[] sounding = new boolean[length];
        for (int step = 0; step < length; step++) {
            sounding[step] = best[step] >= 0;
        }
        boolean[] starts = strongestOnsets(onsets, sounding, rows, onsetRate, Math.max(1, minNoteSteps));
        if (!monophonic) {
            return polyphonic(sustain, length, rows, threshold, starts);
        }
        MonophonicSmoothing.mergeShortRuns(best, changeSteps);
        return fromStarts(best, starts, sustain, rows);
    }

    /** The most confident row per step above the threshold (−1: none), runs shorter than {@code minimum} merged. */
    private static int[] bestRows(Plane sustain, int length, int rows, double threshold, int minimum) {
        int[] best = new int[length];
        for (int step = 0; step < length; step++) {
            best[step] = bestRow(sustain, step, rows, threshold);
        }
        MonophonicSmoothing.mergeShortRuns(best, minimum);
        return best;
    }

    /**
     * Where notes start: every step where the track begins to sound after a rest, and the strongest peaks of the
     * onset output (its maximum over the rows) on sounding steps — the share {@code rate} of them, greedily, each
     * at least {@code spacing} steps from an accepted start.
     */
    static boolean[] strongestOnsets(Plane onsets, boolean[] sounding, int rows, double rate, int spacing) {
        int length = sounding.length;
        float[] strength = new float[length];
        int soundingSteps = 0;
        for (int step = 0; step < length; step++) {
            strength[step] = Float.NEGATIVE_INFINITY;
            if (sounding[step]) {
                soundingSteps++;
                for (int row = 0; row < rows; row++) {
                    strength[step] = Math.max(strength[step], onsets.at(step, row));
                }
            }
        }
        boolean[] starts = new boolean[length];
        int wanted = (int) Math.round(rate * soundingSteps);
        List<Integer> peaks = new ArrayList<>();
        for (int step = 0; step < length; step++) {
            if (!sounding[step]) {
                continue;
            }
            if (step == 0 || !sounding[step - 1]) {
                starts[step] = true;
                wanted--;
            } else if (isPeak(strength, step)) {
                peaks.add(step);
            }
        }
        peaks.sort((a, b) -> strength[a] != strength[b] ? Float.compare(strength[b], strength[a])
                : Integer.compare(a, b));
        for (int peak : peaks) {
            if (wanted <= 0) {
                break;
            }
            if (clearOfStarts(starts, peak, spacing)) {
                starts[peak] = true;
                wanted--;
            }
        }
        return starts;
    }

    /** Not below the step before, and above the step after (or, at the end, above the step before). */
    private static boolean isPeak(float[] strength, int step) {
        float before = strength[step - 1];
        float after = step + 1 < strength.length ? strength[step + 1] : before;
        return strength[step] >= before && strength[step] > after;
    }

    private static boolean clearOfStarts(boolean[] starts, int step, int spacing) {
        for (int other = Math.max(0, step - spacing + 1); other < Math.min(starts.length, step + spacing); other++) {
            if (starts[other]) {
                return false;
            }
        }
        return true;
    }

    /**
     * One note per run of equal rows, split again at the given starts; with a sustain plane given, each note takes
     * the row the model holds most over its span (so a note struck inside a run may change pitch there), else the
     * run's row.
     */
    private static List<RowNote> fromStarts(int[] best, boolean[] starts, Plane sustain, int rows) {
        List<RowNote> notes = new ArrayList<>();
        int step = 0;
        while (step < best.length) {
            if (best[step] < 0) {
                step++;
                continue;
            }
            int end = step + 1;
            while (end < best.length && best[end] == best[step] && !starts[end]) {
                end++;
            }
            notes.add(new RowNote(sustain == null ? best[step] : heldRow(sustain, step, end, rows), step, end - step));
            step = end;
        }
        return notes;
    }

    /** The row with the largest summed sustain (as probability) over [from, to). */
    private static int heldRow(Plane sustain, int from, int to, int rows) {
        double[] sums = new double[rows];
        for (int step = from; step < to; step++) {
            for (int row = 0; row < rows; row++) {
                sums[row] += sustain.at(step, row) + 1;
            }
        }
        int best = 0;
        for (int row = 1; row < rows; row++) {
            if (sums[row] > sums[best]) {
                best = row;
            }
        }
        return best;
    }

    /** Every row on its own: runs of sounding cells, split at the given starts. */
    private static List<RowNote> polyphonic(Plane sustain, int length, int rows, double threshold,
            boolean[] starts) {
        List<RowNote> notes = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            int step = 0;
            while (step < length) {
                if (sustain.at(step, row) <= threshold) {
                    step++;
                    continue;
                }
                int end = step + 1;
                while (end < length && sustain.at(end, row) > threshold && !starts[end]) {
                    end++;
                }
                notes.add(new RowNote(row, step, end - step));
                step = end;
            }
        }
        return notes;
    }

    private static int bestRow(Plane sustain, int step, int rows, double threshold) {
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int row = 0; row < rows; row++) {
            float value = sustain.at(step, row);
            if (value > threshold && value > bestValue) {
                bestValue = value;
                best = row;
            }
        }
        return best;
    }
}
