package dev.continuo.cluster.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What one run of a sweep gave.
 *
 * @param run             the run's place in the grid, from 0
 * @param setting         the hyperparameters it varied
 * @param status          {@link Status#FINISHED}, {@link Status#FAILED} (training threw) or {@link Status#LOST}
 *                        (Spark gave up on the task after its retries)
 * @param chordAgreement  held-out chord agreement of the finished preset (NaN unless finished)
 * @param distance        distance of its held-out figures to the real parts' ({@link FigureDistance}; NaN unless
 *                        finished)
 * @param similarity      similarity index of its held-out samples' feature distributions to the real parts'
 *                        (0–1, as {@code evaluate} measures it; NaN unless finished)
 * @param seconds         training and measuring time on the executor
 * @param attempt         Spark's attempt number of the task that finished (0 = the first try)
 * @param executor        the Spark executor it ran on
 * @param error           why it failed or was lost, one line; empty otherwise
 * @param manifest        the preset's {@code preset.json} (empty unless finished)
 * @param weights         the preset's {@code weights.bin} (empty unless finished)
 */
public record RunResult(int run, LinkedHashMap<String, String> setting, Status status, double chordAgreement,
        double distance, double similarity, double seconds, int attempt, String executor, String error, byte[] manifest,
        byte[] weights) implements Serializable {

    /** How a run ended. */
    public enum Status { FINISHED, FAILED, LOST }

    static RunResult failed(int run, LinkedHashMap<String, String> setting, Status status, double seconds,
            int attempt, String executor, String error) {
        return new RunResult(run, setting, status, Double.NaN, Double.NaN, Double.NaN, seconds, attempt, executor,
                error,
                new byte[0], new byte[0]);
    }

    /** This result without the preset files, to keep on the driver. */
    RunResult withoutPreset() {
        return new RunResult(run, setting, status, chordAgreement, distance, similarity, seconds, attempt, executor,
                error, new byte[0], new byte[0]);
    }

    public boolean finished() {
        return status == Status.FINISHED;
    }
}
