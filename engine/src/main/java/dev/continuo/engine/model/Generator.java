package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The trained generator alone, for inference: its {@link UNetLayout} with BatchNorm on running statistics, on any
 * number of steps that is a multiple of {@link Architecture#stepMultiple()}. Runs on the same matrix-product
 * convolutions as training ({@link StridedConvolution}, {@link UpsampledConvolution}), for both layouts. BatchNorm's
 * running statistics are folded into the decoder's kernels and biases ({@link InferenceKernels}), and into one scale
 * and shift after each encoder activation. Built once, on the weights as they are then. Not thread-safe.
 */
public final class Generator {

    /** An encoder block: its convolution and the BatchNorm scale and shift after its activation (null for none). */
    private record DownBlock(StridedConvolution convolution, INDArray scale, INDArray shift) {
    }

    /** A decoder block with its BatchNorm folded in, and the encoder block its second input part comes from. */
    private record UpBlock(UpsampledConvolution convolution, int skip) {
    }

    private final boolean hasNoise;
    private final List<DownBlock> encoder = new ArrayList<>();
    private final List<UpBlock> decoder = new ArrayList<>();

    public Generator(ModelWeights weights) {
        UNetLayout layout = UNetLayout.of(weights.architecture());
        hasNoise = weights.architecture().noiseChannels() > 0;
        for (UNetLayout.Block block : layout.encoder()) {
            String prefix = block.name();
            StridedConvolution convolution = new StridedConvolution(weights.get(prefix + ".W"),
                    weights.get(prefix + ".b"));
            INDArray scale = block.batchNorm() ? scale(weights, prefix) : null;
            encoder.add(new DownBlock(convolution, scale, scale == null ? null : shift(weights, prefix, scale)));
        }
        for (UNetLayout.Block block : layout.decoder()) {
            String prefix = block.name();
            INDArray kernel = weights.get(prefix + ".W");
            INDArray bias = weights.get(prefix + ".b");
            if (block.batchNorm()) {
                INDArray scale = scale(weights, prefix);
                kernel = InferenceKernels.scaleOutputs(kernel, scale);
                bias = bias.mul(scale).addi(shift(weights, prefix, scale));
            }
            decoder.add(new UpBlock(new UpsampledConvolution(kernel, bias, block.inputParts()), block.skip()));
        }
    }

    private static INDArray scale(ModelWeights weights, String prefix) {
        return InferenceKernels.batchNormScale(weights.get(prefix + ".gamma"), weights.get(prefix + ".var"),
                Architecture.BATCH_NORM_EPSILON);
    }

    private static INDArray shift(ModelWeights weights, String prefix, INDArray scale) {
        return InferenceKernels.batchNormShift(weights.get(prefix + ".beta"), weights.get(prefix + ".mean"), scale);
    }

    /**
     * @param melody [N, melodyChannels, steps, width] in {-1, +1}
     * @param noise  [N, noiseChannels, steps / 2^depth, bottleneckWidth] (ignored without noise channels)
     * @return tanh outputs, [N, trackChannels, steps, width]
     */
    public INDArray generate(INDArray melody, INDArray noise) {
        INDArray x = melody.permute(2, 3, 0, 1).dup('c');
        List<INDArray> skips = new ArrayList<>();
        for (DownBlock block : encoder) {
            x = Transforms.leakyRelu(block.convolution().forward(x).output(), Architecture.LEAKY_SLOPE, false);
            if (block.scale() != null) {
                INDArray rows = x.reshape(x.length() / x.size(3), x.size(3));
                rows.muliRowVector(block.scale().reshape(1, -1)).addiRowVector(block.shift().reshape(1, -1));
            }
            skips.add(x);
        }
        List<INDArray> parts = hasNoise ? List.of(x, noise.permute(2, 3, 0, 1).dup('c')) : List.of(x);
        for (int i = 0; i < decoder.size() - 1; i++) {
            x = Transforms.relu(decoder.get(i).convolution().forward(parts).output(), false);
            parts = List.of(x, skips.get(decoder.get(i + 1).skip()));
        }
        x = Transforms.tanh(decoder.get(decoder.size() - 1).convolution().forward(parts).output(), false);
        return x.permute(2, 3, 0, 1).dup('c');
    }
}
