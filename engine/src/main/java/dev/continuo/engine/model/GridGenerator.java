package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Inference for the grid layout (steps × pitches, 4×4 kernels: the {@code deepcomposer} architecture) on the same
 * matrix-product convolutions as its training ({@link StridedConvolution}, {@link UpsampledConvolution}), with the
 * same results as the SameDiff graph and several times faster. BatchNorm's running statistics are folded into the
 * decoder's kernels and biases, and into one scale and shift after each encoder activation.
 */
final class GridGenerator {

    /** An encoder block: its convolution and the BatchNorm scale and shift after its activation (null for none). */
    private record DownBlock(StridedConvolution convolution, INDArray scale, INDArray shift) {
    }

    private final List<DownBlock> encoder = new ArrayList<>();
    private final List<UpsampledConvolution> decoder = new ArrayList<>();
    private final UpsampledConvolution output;

    GridGenerator(ModelWeights weights) {
        Architecture a = weights.architecture();
        if (a.pitchAsChannels()) {
            throw new IllegalArgumentException("the grid generator is for the steps × pitches layout");
        }
        for (int i = 0; i < a.depth(); i++) {
            String prefix = "g.enc" + i;
            StridedConvolution convolution = new StridedConvolution(weights.get(prefix + ".W"),
                    weights.get(prefix + ".b"));
            INDArray scale = i == 0 ? null : scale(weights, prefix);
            encoder.add(new DownBlock(convolution, scale, i == 0 ? null : shift(weights, prefix, scale)));
        }
        for (int i = a.depth() - 2; i >= 0; i--) {
            String prefix = "g.dec" + i;
            INDArray scale = scale(weights, prefix);
            INDArray kernel = weights.get(prefix + ".W");
            INDArray scaled = kernel.reshape(kernel.length() / scale.length(), scale.length())
                    .mulRowVector(scale.reshape(1, -1)).reshape(kernel.shape());
            INDArray bias = weights.get(prefix + ".b").mul(scale).addi(shift(weights, prefix, scale));
            decoder.add(new UpsampledConvolution(scaled, bias, GridUNet.decoderParts(a, i)));
        }
        output = new UpsampledConvolution(weights.get("g.out.W"), weights.get("g.out.b"), a.generatorFilters(0),
                a.generatorFilters(0));
    }

    private static INDArray scale(ModelWeights weights, String prefix) {
        return InferenceKernels.batchNormScale(weights.get(prefix + ".gamma"), weights.get(prefix + ".var"),
                NetworkBuilder.BATCH_NORM_EPSILON);
    }

    private static INDArray shift(ModelWeights weights, String prefix, INDArray scale) {
        return InferenceKernels.batchNormShift(weights.get(prefix + ".beta"), weights.get(prefix + ".mean"), scale);
    }

    /**
     * @param melody [N, 1, steps, pitches] in {-1, +1}
     * @param noise  [N, noiseChannels, steps / 2^depth, pitches / 2^depth]
     * @return tanh outputs, [N, 4, steps, pitches]
     */
    INDArray generate(INDArray melody, INDArray noise) {
        INDArray x = melody.permute(2, 3, 0, 1).dup('c');
        List<INDArray> skips = new ArrayList<>();
        for (DownBlock block : encoder) {
            x = Transforms.leakyRelu(block.convolution().forward(x).output(), NetworkBuilder.LEAKY_SLOPE, false);
            if (block.scale() != null) {
                INDArray rows = x.reshape(x.length() / x.size(3), x.size(3));
                rows.muliRowVector(block.scale().reshape(1, -1)).addiRowVector(block.shift().reshape(1, -1));
            }
            skips.add(x);
        }
        List<INDArray> parts = noise == null ? List.of(x) : List.of(x, noise.permute(2, 3, 0, 1).dup('c'));
        for (int i = 0; i < decoder.size(); i++) {
            x = Transforms.relu(decoder.get(i).forward(parts).output(), false);
            parts = List.of(x, skips.get(skips.size() - 2 - i));
        }
        x = Transforms.tanh(output.forward(parts).output(), false);
        return x.permute(2, 3, 0, 1).dup('c');
    }
}
