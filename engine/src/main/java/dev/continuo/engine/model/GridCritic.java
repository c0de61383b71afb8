package dev.continuo.engine.model;

import static dev.continuo.engine.model.GradientSums.accumulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The critic (see {@link Architecture}) for training, in either layout, on HWNC tensors [H, W, N, C], with
 * hand-written backward passes: the ordinary one, and the one of the WGAN-GP penalty, which differentiates the
 * critic's input gradient.
 *
 * <p>The input gradient is a chain of transposed convolutions masked by LeakyReLU's slopes; the slopes are constant
 * almost everywhere, so the penalty's derivative with respect to each kernel is a kernel gradient with the roles of
 * input and output swapped, and with respect to the masked gradient a plain convolution. Made for one set of
 * weights; make a new one after an update.
 */
final class GridCritic {

    private final List<StridedConvolution> convolutions = new ArrayList<>();
    private final INDArray dense;
    private final INDArray denseBias;
    private final long topChannels;

    /** A forward pass: scores [N, 1] and what the backward passes need. */
    record Pass(INDArray scores, List<StridedConvolution.Pass> convolutions, List<INDArray> preActivations,
            INDArray top) {
    }

    GridCritic(ModelWeights weights) {
        Architecture a = weights.architecture();
        for (int i = 0; i < a.depth(); i++) {
            convolutions.add(new StridedConvolution(weights.get("c.conv" + i + ".W"),
                    weights.get("c.conv" + i + ".b")));
        }
        topChannels = a.criticFilters(a.depth() - 1);
        dense = toNhwcOrder(weights.get("c.dense.W"));
        denseBias = weights.get("c.dense.b");
    }

    /** @param input tracks and melody along channels, [H, W, N, tracks + 1] */
    Pass forward(INDArray input) {
        List<StridedConvolution.Pass> passes = new ArrayList<>();
        List<INDArray> preActivations = new ArrayList<>();
        INDArray x = input;
        for (StridedConvolution convolution : convolutions) {
            StridedConvolution.Pass pass = convolution.forward(x);
            passes.add(pass);
            preActivations.add(pass.output());
            x = Transforms.leakyRelu(pass.output(), Architecture.LEAKY_SLOPE, true);
        }
        INDArray scores = bySample(x).mmul(dense).addi(denseBias.getDouble(0));
        return new Pass(scores, passes, preActivations, x);
    }

    /**
     * Backpropagates d(scores) [N, 1]: adds the weight gradients to {@code gradients} (if not null) and returns
     * d(input), or null if {@code inputGradient} is false.
     */
    INDArray backward(Pass pass, INDArray scoreGradient, Map<String, INDArray> gradients, boolean inputGradient) {
        if (gradients != null) {
            accumulate(gradients, "c.dense.W", toNchwOrder(bySample(pass.top()).transpose().mmul(scoreGradient)));
            accumulate(gradients, "c.dense.b", scoreGradient.sum(true, 0).reshape(1, 1));
        }
        INDArray gradient = byPosition(scoreGradient.mmul(dense.transpose()), pass.top());
        for (int i = convolutions.size() - 1; i >= 0; i--) {
            INDArray u = gradient.muli(slopes(pass.preActivations().get(i)));
            if (gradients != null) {
                accumulate(gradients, "c.conv" + i + ".W",
                        convolutions.get(i).kernelGradient(pass.convolutions().get(i), u));
                accumulate(gradients, "c.conv" + i + ".b", u.reshape(u.length() / u.size(3), u.size(3)).sum(0));
            }
            if (i == 0 && !inputGradient) {
                return null;
            }
            gradient = convolutions.get(i).inputGradient(pass.convolutions().get(i), u);
        }
        return gradient;
    }

    /**
     * The gradient penalty mean((‖∂score/∂tracks‖ − 1)²) at the pass's input, the norm over each sample's first
     * {@code trackChannels} input channels; adds {@code weight} times its weight gradients to {@code gradients}.
     */
    double penalty(Pass pass, int trackChannels, double weight, Map<String, INDArray> gradients) {
        int layers = convolutions.size();
        long n = pass.scores().size(0);
        List<INDArray> slopes = new ArrayList<>();
        List<INDArray> masked = new ArrayList<>();
        INDArray gradient = byPosition(Nd4j.ones(DataType.FLOAT, n, 1).mmul(dense.transpose()), pass.top());
        for (int i = layers - 1; i >= 0; i--) {
            slopes.add(0, slopes(pass.preActivations().get(i)));
            INDArray u = gradient.mul(slopes.get(0));
            masked.add(0, u);
            gradient = convolutions.get(i).inputGradient(pass.convolutions().get(i), u);
        }
        INDArray tracks = gradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(0, trackChannels));
        INDArray norms = Transforms.sqrt(tracks.mul(tracks).sum(0, 1, 3).addi(1e-8), false);
        INDArray deviations = norms.sub(1.0);
        double penalty = deviations.mul(deviations).meanNumber().doubleValue();

        INDArray coefficients = deviations.div(norms).muli(2 * weight / n);
        INDArray backGradient = Nd4j.zeros(DataType.FLOAT, gradient.shape());
        backGradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(0, trackChannels)).assign(tracks);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(backGradient, coefficients, backGradient, 2));
        for (int i = 0; i < layers; i++) {
            accumulate(gradients, "c.conv" + i + ".W",
                    convolutions.get(i).transposedKernelGradient(backGradient, masked.get(i)));
            backGradient = convolutions.get(i).transposedInputGradient(backGradient).muli(slopes.get(i));
        }
        accumulate(gradients, "c.dense.W", toNchwOrder(backGradient.sum(2).reshape(-1, 1)));
        return penalty;
    }

    /** The top activations [h, w, N, C] as one row per sample, [N, h·w·C]. */
    private static INDArray bySample(INDArray top) {
        return top.permute(2, 0, 1, 3).dup('c').reshape(top.size(2), top.length() / top.size(2));
    }

    /** The inverse of {@link #bySample}: rows [N, h·w·C] as [h, w, N, C] like {@code top}. */
    private static INDArray byPosition(INDArray rows, INDArray top) {
        return rows.reshape(top.size(2), top.size(0), top.size(1), top.size(3)).permute(1, 2, 0, 3).dup('c');
    }

    /** LeakyReLU's derivative at the pre-activations: 1 where positive, the slope elsewhere. */
    private static INDArray slopes(INDArray preActivation) {
        return Transforms.step(preActivation).muli(1 - Architecture.LEAKY_SLOPE).addi(Architecture.LEAKY_SLOPE);
    }

    /** The dense weights [C·h·w, 1] in NCHW flattening order reordered for NHWC flattening. */
    private INDArray toNhwcOrder(INDArray weights) {
        return weights.reshape(topChannels, weights.length() / topChannels).transpose().dup('c')
                .reshape(weights.length(), 1);
    }

    private INDArray toNchwOrder(INDArray gradient) {
        return gradient.reshape(gradient.length() / topChannels, topChannels).transpose().dup('c')
                .reshape(gradient.length(), 1);
    }
}
