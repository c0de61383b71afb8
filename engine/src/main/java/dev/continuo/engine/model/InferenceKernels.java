package dev.continuo.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Trained weights rearranged for faster inference with the same results.
 *
 * <p><b>Upsampling folded into the convolution.</b> Nearest-neighbour upsampling by 2 along steps followed by a
 * 4-tap SAME convolution (taps at t−1 … t+2 of the upsampled input) equals two convolutions of the input itself,
 * interleaved: even outputs 2i see x[i−1], x[i], x[i], x[i+1], i.e. taps {k0, k1+k2, k3} at i−1 … i+1; odd outputs
 * 2i+1 see x[i], x[i], x[i+1], x[i+1], i.e. taps {k0+k1, k2+k3} at i … i+1. Five taps instead of eight on the
 * upsampled length: 5/8 of the work.
 *
 * <p><b>BatchNorm folded into constants.</b> With running statistics, BatchNorm is {@code x·s + (β − μ·s)} with
 * {@code s = γ / √(σ² + ε)}: after a convolution both fold into its kernel and bias; elsewhere they become one
 * scale and one shift.
 */
final class InferenceKernels {

    private InferenceKernels() {
    }

    /** Even-phase kernel [3, 1, in, out] of a [4, 1, in, out] kernel applied after upsampling by 2. */
    static INDArray evenPhase(INDArray kernel) {
        return Nd4j.concat(0, tap(kernel, 0), tap(kernel, 1).add(tap(kernel, 2)), tap(kernel, 3));
    }

    /** Odd-phase kernel [2, 1, in, out] of a [4, 1, in, out] kernel applied after upsampling by 2. */
    static INDArray oddPhase(INDArray kernel) {
        return Nd4j.concat(0, tap(kernel, 0).add(tap(kernel, 1)), tap(kernel, 2).add(tap(kernel, 3)));
    }

    private static INDArray tap(INDArray kernel, int index) {
        return kernel.get(NDArrayIndex.interval(index, index + 1), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all()).dup();
    }

    /** BatchNorm's per-channel scale γ / √(σ² + ε), as a vector. */
    static INDArray batchNormScale(INDArray gamma, INDArray variance, double epsilon) {
        return gamma.mul(Transforms.pow(variance.add(epsilon), -0.5, true)).reshape(-1);
    }

    /** BatchNorm's per-channel shift β − μ·s, as a vector. */
    static INDArray batchNormShift(INDArray beta, INDArray mean, INDArray scale) {
        return beta.reshape(-1).sub(mean.reshape(-1).mul(scale));
    }

    /** A [taps, 1, in, out] kernel with each output channel scaled. */
    static INDArray scaleOutputs(INDArray kernel, INDArray scale) {
        long outputs = kernel.size(3);
        return kernel.dup('c').reshape('c', kernel.length() / outputs, outputs)
                .mulRowVector(scale.reshape(1, outputs).castTo(kernel.dataType())).reshape('c', kernel.shape());
    }
}
