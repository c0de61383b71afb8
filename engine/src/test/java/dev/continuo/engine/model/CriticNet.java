package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;

/**
 * The reference critic for tests: adds the critic (see {@link Architecture}) to a SameDiff graph, and the gradient
 * of its score with respect to its input written as forward operations.
 *
 * <p>SameDiff cannot differentiate a gradient a second time, which the WGAN-GP penalty needs. So the input gradient
 * is spelled out: the dense layer's gradient is its weights, LeakyReLU's is α + (1−α)·step(pre-activation), and a
 * stride-2 convolution's is the transposed convolution with the same kernel. SameDiff then differentiates the
 * penalty with respect to the weights in the ordinary, single pass.
 */
final class CriticNet {

    /** One evaluation of the critic, keeping what its input gradient needs. */
    record Pass(SDVariable score, List<SDVariable> preActivations) {
    }

    private CriticNet() {
    }

    /**
     * @param tracks [N, trackChannels, windowSteps, width] (see {@link Architecture})
     * @param melody [N, melodyChannels, windowSteps, width]
     * @return the score [N, 1]
     */
    static Pass build(NetworkBuilder b, Architecture a, SDVariable tracks, SDVariable melody) {
        SameDiff sd = b.sameDiff();
        SDVariable x = sd.concat(1, tracks, melody);
        List<SDVariable> preActivations = new ArrayList<>();
        for (int i = 0; i < a.depth(); i++) {
            SDVariable z = b.conv(x, "c.conv" + i, 2);
            preActivations.add(z);
            x = b.leakyRelu(z);
        }
        long flat = b.parameter("c.dense.W").getShape()[0];
        SDVariable score = x.reshape(-1, flat).mmul(b.parameter("c.dense.W")).add(b.parameter("c.dense.b"));
        return new Pass(score, preActivations);
    }

    /** d(score)/d(input) for every sample; the first {@code trackChannels} channels are the tracks'. */
    static SDVariable inputGradient(NetworkBuilder b, Architecture a, Pass pass) {
        SameDiff sd = b.sameDiff();
        SDVariable denseWeights = b.parameter("c.dense.W");
        SDVariable gradient = sd.onesLike(pass.score()).mmul(denseWeights.permute(1, 0));
        int last = a.depth() - 1;
        gradient = gradient.reshape(-1, a.criticFilters(last), a.windowSteps() >> a.depth(), a.bottleneckWidth());
        for (int i = last; i >= 0; i--) {
            SDVariable z = pass.preActivations().get(i);
            SDVariable slope = sd.math().step(z, 0.0).mul(1 - Architecture.LEAKY_SLOPE)
                    .add(Architecture.LEAKY_SLOPE);
            gradient = convInputGradient(b, a, gradient.mul(slope), "c.conv" + i);
        }
        return gradient;
    }

    /**
     * The transpose of {@link NetworkBuilder#conv} with stride 2 applied to a gradient: maps d(out) to d(in) for the
     * same kernel. The kernel layout [4, 4, in, out] of the convolution is the [4, 4, out, in] layout deconv2d expects
     * for the reverse direction, so the same array serves both.
     */
    private static SDVariable convInputGradient(NetworkBuilder b, Architecture a, SDVariable gradient, String prefix) {
        DeConv2DConfig config = DeConv2DConfig.builder().kH(Architecture.KERNEL).kW(a.kernelWidth())
                .sH(2).sW(a.pitchAsChannels() ? 1 : 2).isSameMode(true).dataFormat("NCHW").build();
        return b.sameDiff().cnn().deconv2d(gradient, b.parameter(prefix + ".W"), config);
    }
}
