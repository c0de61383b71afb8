package dev.continuo.engine.preset;

import dev.continuo.engine.model.TrainingConfig;

/**
 * How a preset's weights were made.
 *
 * @param config     the hyperparameters
 * @param iterations generator updates done
 * @param seconds    wall-clock training time
 * @param data       the training data, e.g. "JSB chorales, train split (229 chorales)"
 * @param license    the data's licence, which applies to weights trained on it
 */
public record TrainingInfo(TrainingConfig config, int iterations, double seconds, String data, String license) {
}
