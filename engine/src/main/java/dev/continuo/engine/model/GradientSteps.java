package dev.continuo.engine.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The gradients of one critic and one generator update of WGAN-GP training, however they are computed. */
public interface GradientSteps {

    /** A critic update's weight gradients (by name) and losses. */
    record CriticStep(Map<String, INDArray> gradients, double loss, double wasserstein, double penalty) {
    }

    /**
     * A generator update's weight gradients (by name), losses, and the batch mean and variance of every BatchNorm
     * layer by weight prefix.
     */
    record GeneratorStep(Map<String, INDArray> gradients, double loss, double reconstruction,
            Map<String, INDArray[]> statistics) {
    }

    /**
     * @param noise   [N, noiseChannels, steps / 2^depth, bottleneckWidth], or null without noise
     * @param epsilon [N, 1, 1, 1]: where each interpolate for the penalty lies between real (1) and generated (0)
     */
    CriticStep critic(Batch batch, INDArray noise, INDArray epsilon);

    GeneratorStep generator(Batch batch, INDArray noise);
}
