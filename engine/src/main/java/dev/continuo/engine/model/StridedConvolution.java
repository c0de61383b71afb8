package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 4 × 4, stride-2, SAME convolution of HWNC tensors (H, W even), computed as a 2 × 2 {@link TapConvolution} on the
 * space-to-depth grid ({@link PlaneGrid#spaceToDepth}): tap (qy, qx) holds the original taps (2qy + a, 2qx + b) for
 * a, b ∈ {0, 1}, stacked by input channel group. Made for one set of weights; make a new one after an update.
 */
final class StridedConvolution {

    private final INDArray[] tapKernels = new INDArray[4];
    private final INDArray bias;
    private final int inChannels;

    /** A forward pass: its output [H/2, W/2, N, out] and what the backward passes need. */
    record Pass(INDArray output, PlaneGrid grid, INDArray folded, int height, int width) {
    }

    /**
     * @param kernel [4, 4, in, out]
     * @param bias   [out]
     */
    StridedConvolution(INDArray kernel, INDArray bias) {
        this.inChannels = (int) kernel.size(2);
        this.bias = bias.reshape(1, -1);
        for (int q = 0; q < 4; q++) {
            tapKernels[q] = Nd4j.createUninitialized(DataType.FLOAT, 4L * inChannels, kernel.size(3));
            for (int group = 0; group < 4; group++) {
                block(tapKernels[q], group).assign(originalTap(kernel, q, group));
            }
        }
    }

    /** The convolution of x [H, W, N, in], with bias. */
    Pass forward(INDArray x) {
        PlaneGrid grid = PlaneGrid.spaceToDepth(x);
        INDArray folded = grid.foldSpaceToDepth(x);
        int h = (int) x.size(0);
        int w = (int) x.size(1);
        INDArray out = taps(grid, h, w).forward(folded);
        out.reshape(out.length() / bias.length(), bias.length()).addiRowVector(bias);
        return new Pass(out, grid, folded, h, w);
    }

    /** d(input) [H, W, N, in] for d(output) [H/2, W/2, N, out]: the transposed convolution. */
    INDArray inputGradient(Pass pass, INDArray outGradient) {
        INDArray rows = taps(pass.grid(), pass.height(), pass.width()).backwardData(outGradient);
        return pass.grid().unfoldSpaceToDepth(rows, pass.height(), pass.width());
    }

    /** d(kernel) [4, 4, in, out] for the forward pass's input and d(output) [H/2, W/2, N, out]. */
    INDArray kernelGradient(Pass pass, INDArray outGradient) {
        return kernelGradient(pass.grid(), pass.folded(), pass.height(), pass.width(), outGradient);
    }

    /**
     * For a function of {@link #inputGradient}'s result g [H, W, N, in] = Cᵀ(u): its derivative with respect to u
     * given d(g), which is the convolution of d(g) without bias, [H/2, W/2, N, out].
     */
    INDArray transposedInputGradient(INDArray gGradient) {
        PlaneGrid grid = PlaneGrid.spaceToDepth(gGradient);
        return taps(grid, (int) gGradient.size(0), (int) gGradient.size(1))
                .forward(grid.foldSpaceToDepth(gGradient));
    }

    /** For a function of g = Cᵀ(u) (see above): its derivative with respect to the kernel, [4, 4, in, out]. */
    INDArray transposedKernelGradient(INDArray gGradient, INDArray u) {
        PlaneGrid grid = PlaneGrid.spaceToDepth(gGradient);
        return kernelGradient(grid, grid.foldSpaceToDepth(gGradient), (int) gGradient.size(0),
                (int) gGradient.size(1), u);
    }

    private INDArray kernelGradient(PlaneGrid grid, INDArray folded, int h, int w, INDArray outGradient) {
        INDArray[] tapGradients = taps(grid, h, w).backwardWeights(folded, outGradient);
        INDArray kernel = Nd4j.createUninitialized(DataType.FLOAT, 4, 4, inChannels, outGradient.size(3));
        for (int q = 0; q < 4; q++) {
            for (int group = 0; group < 4; group++) {
                originalTap(kernel, q, group).assign(block(tapGradients[q], group));
            }
        }
        return kernel;
    }

    private TapConvolution taps(PlaneGrid grid, int h, int w) {
        List<TapConvolution.Tap> taps = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            taps.add(new TapConvolution.Tap(q / 2, q % 2, tapKernels[q]));
        }
        return new TapConvolution(taps, grid, h / 2, w / 2);
    }

    /** The original [in, out] tap that space-to-depth tap q holds as channel group (a, b) = (group / 2, group % 2). */
    private static INDArray originalTap(INDArray kernel, int q, int group) {
        return kernel.get(NDArrayIndex.point(2 * (q / 2) + group / 2), NDArrayIndex.point(2 * (q % 2) + group % 2),
                NDArrayIndex.all(), NDArrayIndex.all());
    }

    private INDArray block(INDArray tapKernel, int group) {
        return tapKernel.get(NDArrayIndex.interval((long) group * inChannels, (long) (group + 1) * inChannels),
                NDArrayIndex.all());
    }
}
