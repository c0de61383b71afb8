package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A stride-2, SAME convolution of HWNC tensors with 4 × 4 kernels (stride 2 both ways; H, W even) or 4 × 1 kernels
 * (stride 2 along H only), computed as a {@link TapConvolution} of 2 × 2 or 2 × 1 taps on the space-to-depth grid
 * ({@link PlaneGrid#spaceToDepth}): tap (qy, qx) holds the original taps (2qy + a, 2qx + b) for every channel group
 * (a, b). Made for one set of weights; make a new one after an update.
 */
final class StridedConvolution {

    /** 2 for 4 × 4 kernels, 1 for 4 × 1 kernels: how many columns one folded position covers. */
    private final int columns;
    private final INDArray[] tapKernels;
    private final INDArray bias;
    private final int inChannels;

    /** A forward pass: its output [H/2, W/columns, N, out] and what the backward passes need. */
    record Pass(INDArray output, PlaneGrid grid, INDArray folded, int height, int width) {
    }

    /**
     * @param kernel [4, 4 or 1, in, out]
     * @param bias   [out]
     */
    StridedConvolution(INDArray kernel, INDArray bias) {
        this.columns = kernel.size(1) == 1 ? 1 : 2;
        this.inChannels = (int) kernel.size(2);
        this.bias = bias.reshape(1, -1);
        this.tapKernels = new INDArray[2 * columns];
        for (int q = 0; q < tapKernels.length; q++) {
            tapKernels[q] = Nd4j.createUninitialized(DataType.FLOAT, 2L * columns * inChannels, kernel.size(3));
            for (int group = 0; group < 2 * columns; group++) {
                block(tapKernels[q], group).assign(originalTap(kernel, q, group));
            }
        }
    }

    /** The convolution of x [H, W, N, in], with bias. */
    Pass forward(INDArray x) {
        PlaneGrid grid = PlaneGrid.spaceToDepth(x, columns);
        INDArray folded = grid.foldSpaceToDepth(x, columns);
        int h = (int) x.size(0);
        int w = (int) x.size(1);
        INDArray out = taps(grid, h, w).forward(folded);
        out.reshape(out.length() / bias.length(), bias.length()).addiRowVector(bias);
        return new Pass(out, grid, folded, h, w);
    }

    /** d(input) [H, W, N, in] for d(output) [H/2, W/columns, N, out]: the transposed convolution. */
    INDArray inputGradient(Pass pass, INDArray outGradient) {
        INDArray rows = taps(pass.grid(), pass.height(), pass.width()).backwardData(outGradient);
        return pass.grid().unfoldSpaceToDepth(rows, pass.height(), pass.width(), columns);
    }

    /** d(kernel) [4, 4 or 1, in, out] for the forward pass's input and d(output) [H/2, W/columns, N, out]. */
    INDArray kernelGradient(Pass pass, INDArray outGradient) {
        return kernelGradient(pass.grid(), pass.folded(), pass.height(), pass.width(), outGradient);
    }

    /**
     * For a function of {@link #inputGradient}'s result g [H, W, N, in] = Cᵀ(u): its derivative with respect to u
     * given d(g), which is the convolution of d(g) without bias, [H/2, W/columns, N, out].
     */
    INDArray transposedInputGradient(INDArray gGradient) {
        PlaneGrid grid = PlaneGrid.spaceToDepth(gGradient, columns);
        return taps(grid, (int) gGradient.size(0), (int) gGradient.size(1))
                .forward(grid.foldSpaceToDepth(gGradient, columns));
    }

    /** For a function of g = Cᵀ(u) (see above): its derivative with respect to the kernel. */
    INDArray transposedKernelGradient(INDArray gGradient, INDArray u) {
        PlaneGrid grid = PlaneGrid.spaceToDepth(gGradient, columns);
        return kernelGradient(grid, grid.foldSpaceToDepth(gGradient, columns), (int) gGradient.size(0),
                (int) gGradient.size(1), u);
    }

    private INDArray kernelGradient(PlaneGrid grid, INDArray folded, int h, int w, INDArray outGradient) {
        INDArray[] tapGradients = taps(grid, h, w).backwardWeights(folded, outGradient);
        INDArray kernel = Nd4j.createUninitialized(DataType.FLOAT, 4, columns == 2 ? 4 : 1, inChannels,
                outGradient.size(3));
        for (int q = 0; q < tapKernels.length; q++) {
            for (int group = 0; group < 2 * columns; group++) {
                originalTap(kernel, q, group).assign(block(tapGradients[q], group));
            }
        }
        return kernel;
    }

    private TapConvolution taps(PlaneGrid grid, int h, int w) {
        List<TapConvolution.Tap> taps = new ArrayList<>();
        for (int q = 0; q < tapKernels.length; q++) {
            taps.add(new TapConvolution.Tap(q / columns, q % columns, tapKernels[q]));
        }
        return new TapConvolution(taps, grid, h / 2, w / columns);
    }

    /** The original [in, out] tap that folded tap q holds as channel group (group / columns, group % columns). */
    private INDArray originalTap(INDArray kernel, int q, int group) {
        int y = 2 * (q / columns) + group / columns;
        int x = columns * (q % columns) + group % columns;
        return kernel.get(NDArrayIndex.point(y), NDArrayIndex.point(x), NDArrayIndex.all(), NDArrayIndex.all());
    }

    private INDArray block(INDArray tapKernel, int group) {
        return tapKernel.get(NDArrayIndex.interval((long) group * inChannels, (long) (group + 1) * inChannels),
                NDArrayIndex.all());
    }
}
