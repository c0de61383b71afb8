package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Inference for the grid layout (steps × pitches, 4×4 kernels: the {@code deepcomposer} architecture) written with
 * ND4J operations directly, in NHWC, with the same results as the SameDiff graph and several times faster.
 *
 * <p>Each decoder block's nearest-neighbour upsampling and 4×4 convolution are folded into four output phases (even
 * or odd step × even or odd pitch), each a convolution of the low-resolution input with 2–3 × 2–3 taps whose kernels
 * are sums of the original taps (the 2-D form of {@link InferenceKernels}). A phase is computed without im2col: the
 * input is padded and flattened to rows, and every tap is one matrix product of the rows shifted by that tap's offset
 * with the tap's kernel, accumulated into the phase's rows — ND4J multiplies matrices at full speed but copies
 * strided views slowly, and this needs no strided copy except the final interleave of the phases. BatchNorm's
 * running statistics are folded into kernels, biases or one scale and shift. The encoder keeps ND4J's strided
 * convolution (a tenth of the work).
 */
final class GridGenerator {

    /** Row offsets of the taps of the even and the odd output phase, in low-resolution steps. */
    private static final int[][] OFFSETS = {{-1, 0, 1}, {0, 1}};
    /** Which original taps (0–3) each phase tap sums. */
    private static final int[][][] TAP_GROUPS = {{{0}, {1, 2}, {3}}, {{0, 1}, {2, 3}}};

    /** One tap of a phase: its offset on the low-resolution grid and its [in, out] kernel. */
    private record Tap(int rowOffset, int columnOffset, INDArray kernel) {
    }

    /** An upsample-and-convolve block: four phases of taps and the output bias. */
    private record UpBlock(List<List<Tap>> phases, INDArray bias) {
    }

    /** A strided encoder convolution and the BatchNorm scale and shift after its activation (null for none). */
    private record DownBlock(INDArray kernel, INDArray bias, INDArray scale, INDArray shift) {
    }

    private final List<DownBlock> encoder = new ArrayList<>();
    private final List<UpBlock> decoder = new ArrayList<>();
    private final UpBlock output;
    private final Conv2DConfig strided = Conv2DConfig.builder().kH(Architecture.KERNEL).kW(Architecture.KERNEL)
            .sH(2).sW(2).paddingMode(PaddingMode.SAME).dataFormat("NHWC").weightsFormat(WeightsFormat.YXIO).build();

    GridGenerator(ModelWeights weights) {
        Architecture a = weights.architecture();
        if (a.pitchAsChannels()) {
            throw new IllegalArgumentException("the grid generator is for the steps × pitches layout");
        }
        for (int i = 0; i < a.depth(); i++) {
            String prefix = "g.enc" + i;
            INDArray scale = i == 0 ? null : scale(weights, prefix);
            encoder.add(new DownBlock(weights.get(prefix + ".W").dup(), weights.get(prefix + ".b").dup(), scale,
                    i == 0 ? null : shift(weights, prefix, scale)));
        }
        for (int i = a.depth() - 2; i >= 0; i--) {
            String prefix = "g.dec" + i;
            INDArray scale = scale(weights, prefix);
            decoder.add(upBlock(weights.get(prefix + ".W"), scale,
                    weights.get(prefix + ".b").mul(scale).add(shift(weights, prefix, scale))));
        }
        output = upBlock(weights.get("g.out.W"), null, weights.get("g.out.b").dup());
    }

    private static INDArray scale(ModelWeights weights, String prefix) {
        return InferenceKernels.batchNormScale(weights.get(prefix + ".gamma"), weights.get(prefix + ".var"),
                NetworkBuilder.BATCH_NORM_EPSILON);
    }

    private static INDArray shift(ModelWeights weights, String prefix, INDArray scale) {
        return InferenceKernels.batchNormShift(weights.get(prefix + ".beta"), weights.get(prefix + ".mean"), scale);
    }

    /** The four phases of a [4, 4, in, out] kernel applied after upsampling, outputs scaled if {@code scale}. */
    private static UpBlock upBlock(INDArray kernel, INDArray scale, INDArray bias) {
        List<List<Tap>> phases = new ArrayList<>();
        for (int rowPhase = 0; rowPhase < 2; rowPhase++) {
            for (int columnPhase = 0; columnPhase < 2; columnPhase++) {
                List<Tap> taps = new ArrayList<>();
                for (int r = 0; r < OFFSETS[rowPhase].length; r++) {
                    for (int c = 0; c < OFFSETS[columnPhase].length; c++) {
                        INDArray sum = Nd4j.zeros(kernel.dataType(), kernel.size(2), kernel.size(3));
                        for (int y : TAP_GROUPS[rowPhase][r]) {
                            for (int x : TAP_GROUPS[columnPhase][c]) {
                                sum.addi(kernel.get(NDArrayIndex.point(y), NDArrayIndex.point(x), NDArrayIndex.all(),
                                        NDArrayIndex.all()));
                            }
                        }
                        if (scale != null) {
                            sum.muliRowVector(scale.reshape(1, -1));
                        }
                        taps.add(new Tap(OFFSETS[rowPhase][r], OFFSETS[columnPhase][c], sum));
                    }
                }
                phases.add(taps);
            }
        }
        return new UpBlock(phases, bias.reshape(1, -1));
    }

    /**
     * @param melody [N, 1, steps, pitches] in {-1, +1}
     * @param noise  [N, noiseChannels, steps / 2^depth, pitches / 2^depth]
     * @return tanh outputs, [N, 4, steps, pitches]
     */
    INDArray generate(INDArray melody, INDArray noise) {
        INDArray x = melody.permute(0, 2, 3, 1).dup('c');
        List<INDArray> skips = new ArrayList<>();
        for (DownBlock block : encoder) {
            x = Nd4j.exec(new Conv2D(new INDArray[] {x, block.kernel(), block.bias()}, null, strided))[0];
            x = Transforms.leakyRelu(x, NetworkBuilder.LEAKY_SLOPE, false);
            if (block.scale() != null) {
                INDArray rows = x.reshape('c', x.length() / x.size(3), x.size(3));
                rows.muliRowVector(block.scale().reshape(1, -1)).addiRowVector(block.shift().reshape(1, -1));
            }
            skips.add(x);
        }
        x = Nd4j.concat(3, x, noise.permute(0, 2, 3, 1).dup('c'));
        for (int i = 0; i < decoder.size(); i++) {
            x = Transforms.relu(upsampleAndConvolve(x, decoder.get(i)), false);
            x = Nd4j.concat(3, x, skips.get(skips.size() - 2 - i));
        }
        x = Transforms.tanh(upsampleAndConvolve(x, output), false);
        return x.permute(0, 3, 1, 2).dup('c');
    }

    /** Upsampling by 2 in both directions and the block's convolution, as four phases of shifted matrix products. */
    private static INDArray upsampleAndConvolve(INDArray x, UpBlock block) {
        long n = x.size(0);
        long height = x.size(1);
        long width = x.size(2);
        long channels = x.size(3);
        long filters = block.bias().size(1);
        long paddedWidth = width + 2;
        long rows = n * (height + 2) * paddedWidth;
        INDArray flat = Nd4j.pad(x, new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}).reshape('c', rows, channels);
        INDArray out = Nd4j.create(x.dataType(), n, height, 2, width, 2, filters);
        for (int phase = 0; phase < 4; phase++) {
            INDArray sum = Nd4j.zeros(x.dataType(), rows, filters);
            for (Tap tap : block.phases().get(phase)) {
                long shift = (tap.rowOffset() + 1) * paddedWidth + tap.columnOffset() + 1;
                Nd4j.gemm(flat.get(NDArrayIndex.interval(shift, rows), NDArrayIndex.all()), tap.kernel(),
                        sum.get(NDArrayIndex.interval(0, rows - shift), NDArrayIndex.all()), false, false, 1.0, 1.0);
            }
            sum.addiRowVector(block.bias());
            INDArray valid = sum.reshape('c', n, height + 2, paddedWidth, filters).get(NDArrayIndex.all(),
                    NDArrayIndex.interval(0, height), NDArrayIndex.interval(0, width), NDArrayIndex.all());
            out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(phase / 2), NDArrayIndex.all(),
                    NDArrayIndex.point(phase % 2), NDArrayIndex.all()).assign(valid);
        }
        return out.reshape('c', n, 2 * height, 2 * width, filters);
    }
}
