package dev.continuo.cluster.sweep;

import dev.continuo.engine.data.SamplingOptions;
import dev.continuo.engine.model.Architecture;
import java.io.Serializable;

/**
 * What every run of a sweep shares.
 *
 * @param presetName      the preset's name
 * @param architecture    compact or deepcomposer
 * @param windowSteps     the training window in sixteenths, or 0 for the architecture's
 * @param keyNormalized   train in C major / A minor (as {@code train} does unless {@code --no-key-normalize})
 * @param tempoShare      share of windows at half or double speed
 * @param iterations      generator updates per run
 * @param checkpointEvery iterations between sample measurements
 */
public record RunPlan(String presetName, String architecture, int windowSteps, boolean keyNormalized,
        double tempoShare, int iterations, int checkpointEvery) implements Serializable {

    /**
     * Checks the plan on the driver, so that a wrong option fails before any run starts.
     *
     * @throws IllegalArgumentException in one line
     */
    public RunPlan {
        Architecture.named(architecture);
        if (windowSteps < 0 || iterations < 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("--window cannot be negative; --iterations and --checkpoint-every "
                    + "must be at least 1");
        }
        new SamplingOptions(keyNormalized, tempoShare);
    }

    /** The model shape each run trains. */
    public Architecture model() {
        Architecture named = Architecture.named(architecture);
        return windowSteps == 0 ? named : named.withWindowSteps(windowSteps);
    }

    public SamplingOptions sampling() {
        return new SamplingOptions(keyNormalized, tempoShare);
    }
}
