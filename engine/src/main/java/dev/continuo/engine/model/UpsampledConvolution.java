package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Nearest-neighbour upsampling by 2 followed by a stride-1, SAME convolution, without making the upsampled tensor:
 * with 4 × 4 kernels, upsampling in both directions, the output splits into four phases (even or odd row × even or
 * odd column), each a {@link TapConvolution} of the low-resolution input with 2–3 × 2–3 taps whose kernels are sums
 * of the original taps — 39 % of the work; with 4 × 1 kernels, upsampling along H only, into two phases of 3 and 2
 * taps (5/8 of the work). Along one axis: the SAME 4-tap convolution reads the upsampled input at t−1 … t+2, so even
 * outputs 2i see x[i−1], x[i], x[i], x[i+1] (taps k0, k1 + k2, k3 at i−1 … i+1) and odd outputs 2i+1 see x[i], x[i],
 * x[i+1], x[i+1] (taps k0 + k1, k2 + k3 at i … i+1). The input may come in parts, concatenated along channels as
 * they are placed on the padded grid. Made for one set of weights; make a new one after an update.
 */
final class UpsampledConvolution {

    /** Low-resolution offsets of the taps of the even and of the odd phase. */
    private static final int[][] OFFSETS = {{-1, 0, 1}, {0, 1}};
    /** The original taps (0–3) each phase tap sums, per phase parity. */
    private static final int[][][] TAP_GROUPS = {{{0}, {1, 2}, {3}}, {{0, 1}, {2, 3}}};

    /** A phase tap: its offsets on the low-resolution grid and its summed kernel [in, out]. */
    private record PhaseTap(int rowOffset, int columnOffset, int rowTap, int columnTap, INDArray kernel) {
    }

    /** A forward pass: its output [2H, columns·W, N, out] and what the backward passes need. */
    record Pass(INDArray output, PlaneGrid grid, INDArray input, int height, int width) {
    }

    /** 2 for 4 × 4 kernels, 1 for 4 × 1 kernels: the upsampling factor along W. */
    private final int columns;
    private final List<List<PhaseTap>> phases = new ArrayList<>();
    private final INDArray bias;
    private final int[] partChannels;
    private final long inChannels;
    private final long outChannels;

    /**
     * @param kernel       [4, 4 or 1, in, out], in = the parts' channels together
     * @param bias         [out]
     * @param partChannels channels of each input part
     */
    UpsampledConvolution(INDArray kernel, INDArray bias, int... partChannels) {
        this.bias = bias.reshape(1, -1);
        this.partChannels = partChannels;
        this.inChannels = kernel.size(2);
        this.outChannels = kernel.size(3);
        this.columns = kernel.size(1) == 1 ? 1 : 2;
        for (int phase = 0; phase < 2 * columns; phase++) {
            List<PhaseTap> taps = new ArrayList<>();
            int[][] rowGroups = rowGroups(phase);
            int[][] columnGroups = columnGroups(phase);
            for (int r = 0; r < rowGroups.length; r++) {
                for (int c = 0; c < columnGroups.length; c++) {
                    INDArray sum = Nd4j.zeros(kernel.dataType(), inChannels, outChannels);
                    for (int y : rowGroups[r]) {
                        for (int x : columnGroups[c]) {
                            sum.addi(tap(kernel, y, x));
                        }
                    }
                    taps.add(new PhaseTap(OFFSETS[phase / columns][r], columns == 2 ? OFFSETS[phase % 2][c] : 0, r, c,
                            sum));
                }
            }
            phases.add(taps);
        }
    }

    /** The output [2H, columns·W, N, out] for input parts [H, W, N, channels of part k]. */
    Pass forward(List<INDArray> parts) {
        int h = (int) parts.get(0).size(0);
        int w = (int) parts.get(0).size(1);
        PlaneGrid grid = PlaneGrid.padded(parts.get(0), 1, columnPadding());
        INDArray input = grid.embed(parts, 1, columnPadding());
        INDArray[] outputs = new INDArray[2 * columns];
        for (int phase = 0; phase < outputs.length; phase++) {
            outputs[phase] = taps(phase, grid, h, w).forward(input);
        }
        INDArray out = PlaneGrid.interleave(outputs, columns);
        out.reshape(out.length() / outChannels, outChannels).addiRowVector(bias);
        return new Pass(out, grid, input, h, w);
    }

    /** The gradients of one backward pass: the kernel's [4, 4, in, out] and each part's [H, W, N, C] (or null). */
    record Gradients(INDArray kernel, INDArray[] parts) {
    }

    /** Backpropagates d(output) [2H, columns·W, N, out] to the kernel and to the input parts asked for. */
    Gradients backward(Pass pass, INDArray outGradient, boolean... wantedParts) {
        INDArray kernel = Nd4j.zeros(outGradient.dataType(), 4, columns == 2 ? 4 : 1, inChannels, outChannels);
        boolean anyPart = false;
        for (boolean wanted : wantedParts) {
            anyPart |= wanted;
        }
        INDArray inputGradient = null;
        for (int phase = 0; phase < 2 * columns; phase++) {
            INDArray phaseGradient = PlaneGrid.deinterleave(outGradient, phase, columns);
            TapConvolution convolution = taps(phase, pass.grid(), pass.height(), pass.width());
            INDArray[] tapGradients = convolution.backwardWeights(pass.input(), phaseGradient);
            List<PhaseTap> taps = phases.get(phase);
            for (int t = 0; t < taps.size(); t++) {
                for (int y : rowGroups(phase)[taps.get(t).rowTap()]) {
                    for (int x : columnGroups(phase)[taps.get(t).columnTap()]) {
                        tap(kernel, y, x).addi(tapGradients[t]);
                    }
                }
            }
            if (anyPart) {
                INDArray rows = convolution.backwardData(phaseGradient);
                inputGradient = inputGradient == null ? rows : inputGradient.addi(rows);
            }
        }
        INDArray[] parts = new INDArray[wantedParts.length];
        int firstChannel = 0;
        for (int k = 0; k < parts.length; k++) {
            if (wantedParts[k]) {
                parts[k] = pass.grid().extract(inputGradient, pass.height(), pass.width(), 1, columnPadding(),
                        firstChannel, partChannels[k]);
            }
            firstChannel += partChannels[k];
        }
        return new Gradients(kernel, parts);
    }

    private TapConvolution taps(int phase, PlaneGrid grid, int h, int w) {
        List<TapConvolution.Tap> taps = new ArrayList<>();
        for (PhaseTap tap : phases.get(phase)) {
            taps.add(new TapConvolution.Tap(tap.rowOffset() + 1, tap.columnOffset() + columnPadding(), tap.kernel()));
        }
        return new TapConvolution(taps, grid, h, w);
    }

    private int[][] rowGroups(int phase) {
        return TAP_GROUPS[phase / columns];
    }

    private int[][] columnGroups(int phase) {
        return columns == 2 ? TAP_GROUPS[phase % 2] : new int[][] {{0}};
    }

    /** Zero columns on each side of the padded grid: taps reach one column either way only with 4 × 4 kernels. */
    private int columnPadding() {
        return columns == 2 ? 1 : 0;
    }

    private static INDArray tap(INDArray kernel, int y, int x) {
        return kernel.get(NDArrayIndex.point(y), NDArrayIndex.point(x), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
