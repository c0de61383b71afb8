package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Nearest-neighbour upsampling by 2 in both directions followed by a 4 × 4, stride-1, SAME convolution, without
 * making the upsampled tensor: the output splits into four phases (even or odd row × even or odd column), each a
 * {@link TapConvolution} of the low-resolution input with 2–3 × 2–3 taps whose kernels are sums of the original taps
 * (the 2-D form of {@link InferenceKernels}) — 39 % of the work. The input may come in parts (a concatenation along
 * channels never made). Made for one set of weights; make a new one after an update.
 */
final class UpsampledConvolution {

    /** Low-resolution offsets of the taps of the even and of the odd phase. */
    private static final int[][] OFFSETS = {{-1, 0, 1}, {0, 1}};
    /** The original taps (0–3) each phase tap sums, per phase parity. */
    private static final int[][][] TAP_GROUPS = {{{0}, {1, 2}, {3}}, {{0, 1}, {2, 3}}};

    /** A phase tap: its offsets on the low-resolution grid and its summed kernel [in, out]. */
    private record PhaseTap(int rowOffset, int columnOffset, int rowTap, int columnTap, INDArray kernel) {
    }

    /** A forward pass: its output [N, 2H, 2W, out] and what the backward passes need. */
    record Pass(INDArray output, RowGrid grid, List<INDArray> parts, int height, int width) {
    }

    private final List<List<PhaseTap>> phases = new ArrayList<>();
    private final INDArray bias;
    private final int[] partChannels;
    private final long inChannels;
    private final long outChannels;

    /**
     * @param kernel       [4, 4, in, out], in = the parts' channels together
     * @param bias         [out]
     * @param partChannels channels of each input part
     */
    UpsampledConvolution(INDArray kernel, INDArray bias, int... partChannels) {
        this.bias = bias.reshape(1, -1);
        this.partChannels = partChannels;
        this.inChannels = kernel.size(2);
        this.outChannels = kernel.size(3);
        for (int phase = 0; phase < 4; phase++) {
            List<PhaseTap> taps = new ArrayList<>();
            int[][] rowGroups = TAP_GROUPS[phase / 2];
            int[][] columnGroups = TAP_GROUPS[phase % 2];
            for (int r = 0; r < rowGroups.length; r++) {
                for (int c = 0; c < columnGroups.length; c++) {
                    INDArray sum = Nd4j.zeros(kernel.dataType(), inChannels, outChannels);
                    for (int y : rowGroups[r]) {
                        for (int x : columnGroups[c]) {
                            sum.addi(tap(kernel, y, x));
                        }
                    }
                    taps.add(new PhaseTap(OFFSETS[phase / 2][r], OFFSETS[phase % 2][c], r, c, sum));
                }
            }
            phases.add(taps);
        }
    }

    /** The output [N, 2H, 2W, out] for input parts [N, H, W, channels of part k]. */
    Pass forward(List<INDArray> parts) {
        int h = (int) parts.get(0).size(1);
        int w = (int) parts.get(0).size(2);
        RowGrid grid = new RowGrid((int) parts.get(0).size(0), h + 2, w + 2);
        List<INDArray> embedded = parts.stream().map(part -> grid.embed(part, 1, 1)).toList();
        INDArray[] outputs = new INDArray[4];
        for (int phase = 0; phase < 4; phase++) {
            outputs[phase] = taps(phase, grid).forward(embedded);
        }
        INDArray out = grid.interleave(outputs, h, w);
        out.reshape(out.length() / outChannels, outChannels).addiRowVector(bias);
        return new Pass(out, grid, embedded, h, w);
    }

    /** d(input part) [N, H, W, channels of that part] for d(output) [N, 2H, 2W, out]. */
    INDArray inputGradient(Pass pass, INDArray outGradient, int part) {
        INDArray sum = null;
        for (int phase = 0; phase < 4; phase++) {
            INDArray rows = taps(phase, pass.grid()).backwardData(phaseGradient(pass, outGradient, phase), part);
            sum = sum == null ? rows : sum.addi(rows);
        }
        return pass.grid().extract(sum, pass.height(), pass.width(), 1, 1);
    }

    /** d(kernel) [4, 4, in, out] for the forward pass's input and d(output) [N, 2H, 2W, out]. */
    INDArray kernelGradient(Pass pass, INDArray outGradient) {
        INDArray kernel = Nd4j.zeros(outGradient.dataType(), 4, 4, inChannels, outChannels);
        for (int phase = 0; phase < 4; phase++) {
            INDArray[] gradients = taps(phase, pass.grid()).backwardWeights(pass.parts(),
                    phaseGradient(pass, outGradient, phase));
            List<PhaseTap> taps = phases.get(phase);
            for (int t = 0; t < taps.size(); t++) {
                for (int y : TAP_GROUPS[phase / 2][taps.get(t).rowTap()]) {
                    for (int x : TAP_GROUPS[phase % 2][taps.get(t).columnTap()]) {
                        tap(kernel, y, x).addi(gradients[t]);
                    }
                }
            }
        }
        return kernel;
    }

    private static INDArray phaseGradient(Pass pass, INDArray outGradient, int phase) {
        return pass.grid().deinterleave(outGradient, phase, pass.height(), pass.width());
    }

    private TapConvolution taps(int phase, RowGrid grid) {
        List<TapConvolution.Tap> taps = new ArrayList<>();
        for (PhaseTap tap : phases.get(phase)) {
            taps.add(new TapConvolution.Tap((tap.rowOffset() + 1) * grid.width() + tap.columnOffset() + 1,
                    tap.kernel()));
        }
        return new TapConvolution(taps, partChannels);
    }

    private static INDArray tap(INDArray kernel, int y, int x) {
        return kernel.get(NDArrayIndex.point(y), NDArrayIndex.point(x), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
