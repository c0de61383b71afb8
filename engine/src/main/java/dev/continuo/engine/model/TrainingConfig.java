package dev.continuo.engine.model;

/**
 * Hyperparameters of GAN training.
 *
 * @param learningRate         Adam step size (both networks)
 * @param beta1                Adam β1
 * @param beta2                Adam β2
 * @param batchSize            windows per batch
 * @param updateRatio          critic updates per generator update
 * @param gradientPenalty      weight of the WGAN-GP gradient penalty
 * @param reconstructionWeight weight of the generator's binary cross-entropy against the real parts; 0 is the pure
 *                             DeepComposer recipe, more steers the generator towards the training data's harmony
 * @param seed                 seed for weights, sampling and noise: the same seed gives the same weights
 */
public record TrainingConfig(double learningRate, double beta1, double beta2, int batchSize, int updateRatio,
        double gradientPenalty, double reconstructionWeight, long seed) {

    public TrainingConfig {
        if (!(learningRate > 0) || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Adam needs a positive learning rate and betas in [0, 1)");
        }
        if (batchSize < 1 || updateRatio < 1) {
            throw new IllegalArgumentException("batch size and update ratio must be at least 1");
        }
        if (gradientPenalty < 0 || reconstructionWeight < 0) {
            throw new IllegalArgumentException("loss weights cannot be negative");
        }
    }

    /** The DeepComposer recipe: Adam(1e-3, 0.5, 0.9), batch 64, 5 critic updates per generator update, GP 10. */
    public static TrainingConfig deepcomposer(long seed) {
        return new TrainingConfig(1e-3, 0.5, 0.9, 64, 5, 10, 0, seed);
    }
}
