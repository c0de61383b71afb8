package dev.continuo.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BatchNorm folded into constants for inference: with running statistics, BatchNorm is {@code x·s + (β − μ·s)} with
 * {@code s = γ / √(σ² + ε)}; after a convolution both fold into its kernel and bias, elsewhere they become one scale
 * and one shift.
 */
final class InferenceKernels {

    private InferenceKernels() {
    }

    /** BatchNorm's per-channel scale γ / √(σ² + ε), as a vector. */
    static INDArray batchNormScale(INDArray gamma, INDArray variance, double epsilon) {
        return gamma.mul(Transforms.pow(variance.add(epsilon), -0.5, true)).reshape(-1);
    }

    /** BatchNorm's per-channel shift β − μ·s, as a vector. */
    static INDArray batchNormShift(INDArray beta, INDArray mean, INDArray scale) {
        return beta.reshape(-1).sub(mean.reshape(-1).mul(scale));
    }

    /** A [kH, kW, in, out] kernel with each output channel scaled. */
    static INDArray scaleOutputs(INDArray kernel, INDArray scale) {
        long outputs = kernel.size(3);
        return kernel.dup('c').reshape('c', kernel.length() / outputs, outputs)
                .mulRowVector(scale.reshape(1, outputs).castTo(kernel.dataType())).reshape('c', kernel.shape());
    }
}
