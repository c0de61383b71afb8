package dev.continuo.engine.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * The reference for tests: the layers both networks are made of, added to one SameDiff graph over shared
 * {@link ModelWeights}. Tensors are NCHW: [batch, channels, steps, pitches].
 */
final class NetworkBuilder {

    private final SameDiff sd;
    private final ModelWeights weights;
    private final Architecture architecture;

    NetworkBuilder(SameDiff sd, ModelWeights weights) {
        this.sd = sd;
        this.weights = weights;
        this.architecture = weights.architecture();
    }

    SameDiff sameDiff() {
        return sd;
    }

    /** The graph variable for a weight array, created on first use and backed by the shared array. */
    SDVariable parameter(String name) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        return sd.var(name, weights.get(name));
    }

    /** A 4×4 (or, with pitches as channels, 4×1) convolution with SAME padding and bias. */
    SDVariable conv(SDVariable x, String prefix, int stride) {
        return sd.cnn().conv2d(x, parameter(prefix + ".W"), parameter(prefix + ".b"), convConfig(stride));
    }

    private Conv2DConfig convConfig(int stride) {
        return Conv2DConfig.builder().kH(Architecture.KERNEL).kW(architecture.kernelWidth())
                .sH(stride).sW(widthStride(stride)).paddingMode(PaddingMode.SAME).dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO).build();
    }

    private int widthStride(int stride) {
        return architecture.pitchAsChannels() ? 1 : stride;
    }

    SDVariable leakyRelu(SDVariable x) {
        return sd.nn().leakyRelu(x, Architecture.LEAKY_SLOPE);
    }

    /** Nearest-neighbour upsampling by 2 along steps (and pitches, unless they are channels). */
    SDVariable upsample(SDVariable x) {
        return sd.cnn().upsampling2d(x, 2, widthStride(2), true);
    }

    /** Batch normalization with the batch's own statistics (training); returns {normalized, mean, variance}. */
    SDVariable[] batchNormTraining(SDVariable x, String prefix) {
        SDVariable mean = sd.mean(x, true, 0, 2, 3);
        SDVariable centered = x.sub(mean);
        SDVariable variance = sd.mean(centered.mul(centered), true, 0, 2, 3);
        SDVariable normalized = centered.mul(sd.math().rsqrt(variance.add(Architecture.BATCH_NORM_EPSILON)));
        return new SDVariable[] {scaleAndShift(normalized, prefix), mean, variance};
    }

    /** Batch normalization with the running statistics (inference). */
    SDVariable batchNormInference(SDVariable x, String prefix) {
        SDVariable scale = sd.math().rsqrt(parameter(prefix + ".var").add(Architecture.BATCH_NORM_EPSILON));
        return scaleAndShift(x.sub(parameter(prefix + ".mean")).mul(scale), prefix);
    }

    private SDVariable scaleAndShift(SDVariable normalized, String prefix) {
        return normalized.mul(parameter(prefix + ".gamma")).add(parameter(prefix + ".beta"));
    }
}
