package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 4 × 4, stride-2, SAME convolution of NHWC tensors (H, W even), computed as a 2 × 2 {@link TapConvolution} on the
 * space-to-depth grid ({@link RowGrid#spaceToDepth}): tap (qy, qx) holds the original taps (2qy + a, 2qx + b) for
 * a, b ∈ {0, 1}, stacked by input channel group. Made for one set of weights; make a new one after an update.
 */
final class StridedConvolution {

    private final INDArray[] tapKernels = new INDArray[4];
    private final INDArray bias;
    private final int inChannels;

    /** A forward pass: its output [N, H/2, W/2, out] and what the backward passes need. */
    record Pass(INDArray output, RowGrid grid, INDArray folded, int height, int width) {
    }

    /**
     * @param kernel [4, 4, in, out]
     * @param bias   [out], or null for none
     */
    StridedConvolution(INDArray kernel, INDArray bias) {
        this.inChannels = (int) kernel.size(2);
        this.bias = bias == null ? null : bias.reshape(1, -1);
        for (int q = 0; q < 4; q++) {
            tapKernels[q] = Nd4j.createUninitialized(DataType.FLOAT, 4L * inChannels, kernel.size(3));
            for (int group = 0; group < 4; group++) {
                block(tapKernels[q], group).assign(kernel.get(NDArrayIndex.point(2 * (q / 2) + group / 2),
                        NDArrayIndex.point(2 * (q % 2) + group % 2), NDArrayIndex.all(), NDArrayIndex.all()));
            }
        }
    }

    /** The convolution of x [N, H, W, in], with bias. */
    Pass forward(INDArray x) {
        RowGrid grid = RowGrid.spaceToDepth(x);
        INDArray folded = grid.foldSpaceToDepth(x);
        int h = (int) x.size(1);
        int w = (int) x.size(2);
        INDArray out = grid.extract(taps(grid).forward(List.of(folded)), h / 2, w / 2, 0, 0);
        if (bias != null) {
            out.reshape(out.length() / bias.length(), bias.length()).addiRowVector(bias);
        }
        return new Pass(out, grid, folded, h, w);
    }

    /** d(input) [N, H, W, in] for d(output) [N, H/2, W/2, out]: the transposed convolution. */
    INDArray inputGradient(Pass pass, INDArray outGradient) {
        INDArray rows = taps(pass.grid()).backwardData(pass.grid().embed(outGradient, 0, 0), 0);
        return pass.grid().unfoldSpaceToDepth(rows, pass.height(), pass.width());
    }

    /** d(kernel) [4, 4, in, out] for the forward pass's input and d(output) [N, H/2, W/2, out]. */
    INDArray kernelGradient(Pass pass, INDArray outGradient) {
        return kernelGradient(pass.grid(), pass.folded(), outGradient);
    }

    /**
     * For a function of {@link #inputGradient}'s result g [N, H, W, in] = Cᵀ(u): its derivative with respect to u
     * given d(g), which is the convolution of d(g) without bias, [N, H/2, W/2, out].
     */
    INDArray transposedInputGradient(INDArray gGradient) {
        RowGrid grid = RowGrid.spaceToDepth(gGradient);
        return grid.extract(taps(grid).forward(List.of(grid.foldSpaceToDepth(gGradient))),
                (int) gGradient.size(1) / 2, (int) gGradient.size(2) / 2, 0, 0);
    }

    /** For a function of g = Cᵀ(u) (see above): its derivative with respect to the kernel, [4, 4, in, out]. */
    INDArray transposedKernelGradient(INDArray gGradient, INDArray u) {
        RowGrid grid = RowGrid.spaceToDepth(gGradient);
        return kernelGradient(grid, grid.foldSpaceToDepth(gGradient), u);
    }

    private INDArray kernelGradient(RowGrid grid, INDArray folded, INDArray outGradient) {
        INDArray[] tapGradients = taps(grid).backwardWeights(List.of(folded), grid.embed(outGradient, 0, 0));
        INDArray kernel = Nd4j.createUninitialized(DataType.FLOAT, 4, 4, inChannels, outGradient.size(3));
        for (int q = 0; q < 4; q++) {
            for (int group = 0; group < 4; group++) {
                kernel.get(NDArrayIndex.point(2 * (q / 2) + group / 2), NDArrayIndex.point(2 * (q % 2) + group % 2),
                        NDArrayIndex.all(), NDArrayIndex.all()).assign(block(tapGradients[q], group));
            }
        }
        return kernel;
    }

    private TapConvolution taps(RowGrid grid) {
        List<TapConvolution.Tap> taps = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            taps.add(new TapConvolution.Tap((q / 2) * grid.width() + q % 2, tapKernels[q]));
        }
        return new TapConvolution(taps, 4 * inChannels);
    }

    private INDArray block(INDArray tapKernel, int group) {
        return tapKernel.get(NDArrayIndex.interval((long) group * inChannels, (long) (group + 1) * inChannels),
                NDArrayIndex.all());
    }
}
