package dev.continuo.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization of a channels-last tensor over all but its channel axis with the batch's own statistics
 * (training), forward and backward.
 *
 * @param output   γ·x̂ + β, same shape as the input
 * @param mean     the batch mean [1, C] (for the running statistics)
 * @param variance the batch variance [1, C] (biased, as the forward pass uses it)
 */
record BatchNormPass(INDArray output, INDArray mean, INDArray variance, INDArray normalized, INDArray inverseStd,
        INDArray gamma) {

    /**
     * @param x     [H, W, N, C]
     * @param gamma scale, C values in any shape
     * @param beta  shift, C values in any shape
     */
    static BatchNormPass forward(INDArray x, INDArray gamma, INDArray beta) {
        long channels = x.size(3);
        INDArray rows = x.reshape(x.length() / channels, channels);
        INDArray mean = rows.mean(true, 0);
        INDArray centered = rows.subRowVector(mean);
        INDArray variance = centered.mul(centered).mean(true, 0);
        INDArray inverseStd = Transforms.pow(variance.add(Architecture.BATCH_NORM_EPSILON), -0.5, false);
        INDArray normalized = centered.muliRowVector(inverseStd);
        INDArray g = gamma.reshape(1, channels);
        INDArray output = normalized.mulRowVector(g).addiRowVector(beta.reshape(1, channels));
        return new BatchNormPass(output.reshape(x.shape()), mean, variance, normalized, inverseStd, g);
    }

    /** The gradients for d(output): {input [H, W, N, C], gamma [1, C], beta [1, C]}. */
    INDArray[] backward(INDArray outGradient) {
        long channels = gamma.length();
        long count = outGradient.length() / channels;
        INDArray rows = outGradient.reshape(count, channels);
        INDArray betaGradient = rows.sum(true, 0);
        INDArray gammaGradient = rows.mul(normalized).sum(true, 0);
        INDArray input = rows.sub(normalized.mulRowVector(gammaGradient.div(count)))
                .subiRowVector(betaGradient.div(count)).muliRowVector(gamma.mul(inverseStd));
        return new INDArray[] {input.reshape(outGradient.shape()), gammaGradient, betaGradient};
    }
}
