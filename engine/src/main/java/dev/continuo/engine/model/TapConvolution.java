package dev.continuo.engine.model;

import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution computed as matrix products without im2col: output (y, x) of an H × W output is the sum over taps
 * of input grid position (y + dy, x + dx) times the tap's [in, out] kernel. On a {@link PlaneGrid} the inputs of one
 * output row for one tap are W·N contiguous rows, so each (output row, tap) is one matrix product, accumulated in
 * place — only valid outputs are computed, and the backward passes are the same products transposed.
 *
 * <p>Small batches (inference) take another route in the forward pass: one product per tap over the whole grid,
 * outputs at the padding included and dropped afterwards — some wasted work, but far fewer, larger products. It
 * runs on the calling thread: split by rows across threads, these products got slower (measured).
 *
 * <p>The products ({@link Sgemm}) run on the common fork-join pool, split so that no two write the same rows:
 * forward by output row, the input gradient by input row, the kernel gradients by tap. With OpenBLAS on one thread
 * (the launchers' default) this keeps every core busy with whole products instead of splitting each product.
 */
final class TapConvolution {

    /** One tap: the grid displacement it reads at and its kernel [in, out]. */
    record Tap(int dy, int dx, INDArray kernel) {
    }

    /** Below this many rows per output row, the forward pass multiplies whole grids (see above). */
    private static final int WHOLE_GRID_BELOW = 256;

    private final List<Tap> taps;
    private final long outChannels;
    private final PlaneGrid grid;
    private final int outHeight;
    private final int outWidth;

    /**
     * @param grid         the input grid
     * @param outHeight    output rows (every tap's dy + outHeight ≤ grid height)
     * @param outWidth     output columns (every tap's dx + outWidth ≤ grid width)
     */
    TapConvolution(List<Tap> taps, PlaneGrid grid, int outHeight, int outWidth) {
        this.taps = taps;
        this.grid = grid;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.outChannels = taps.get(0).kernel().size(1);
    }

    /** The output [H, W, N, out], without bias, for the input on the grid [rows, in]. */
    INDArray forward(INDArray input) {
        if ((long) outWidth * grid.batch() < WHOLE_GRID_BELOW) {
            return forwardWholeGrid(input);
        }
        INDArray out = Nd4j.zeros(DataType.FLOAT, outHeight, outWidth, grid.batch(), outChannels);
        INDArray outRows = out.reshape((long) outHeight * outWidth * grid.batch(), outChannels);
        IntStream.range(0, outHeight).parallel().forEach(y -> {
            Sgemm.Rows target = outputRow(outRows, y);
            for (Tap tap : taps) {
                Sgemm.multiply(inputRows(input, y, tap), false, Sgemm.Rows.of(tap.kernel()), false, target, 1f);
            }
        });
        return out;
    }

    private INDArray forwardWholeGrid(INDArray input) {
        int rows = grid.rows();
        INDArray out = Nd4j.zeros(DataType.FLOAT, rows, outChannels);
        for (Tap tap : taps) {
            int shift = grid.row(tap.dy(), tap.dx());
            Sgemm.multiply(new Sgemm.Rows(input, shift, rows - shift), false, Sgemm.Rows.of(tap.kernel()), false,
                    new Sgemm.Rows(out, 0, rows - shift), 1f);
        }
        return grid.extract(out, outHeight, outWidth, 0, 0);
    }

    /** d(input) on the grid [rows, in] for d(output) [H, W, N, out]. */
    INDArray backwardData(INDArray outGradient) {
        INDArray in = Nd4j.zeros(DataType.FLOAT, grid.rows(), taps.get(0).kernel().size(0));
        INDArray outRows = outGradient.reshape(outGradient.length() / outChannels, outChannels);
        IntStream.range(0, grid.height()).parallel().forEach(inputRow -> {
            for (Tap tap : taps) {
                int y = inputRow - tap.dy();
                if (y >= 0 && y < outHeight) {
                    Sgemm.multiply(outputRow(outRows, y), false, Sgemm.Rows.of(tap.kernel()), true,
                            inputRows(in, y, tap), 1f);
                }
            }
        });
        return in;
    }

    /** d(kernel) [in, out] of every tap, in tap order, for the input on the grid and d(output) [H, W, N, out]. */
    INDArray[] backwardWeights(INDArray input, INDArray outGradient) {
        INDArray outRows = outGradient.reshape(outGradient.length() / outChannels, outChannels);
        INDArray[] gradients = new INDArray[taps.size()];
        for (int t = 0; t < taps.size(); t++) {
            gradients[t] = Nd4j.createUninitialized(DataType.FLOAT, taps.get(t).kernel().size(0), outChannels);
        }
        IntStream.range(0, taps.size()).parallel().forEach(t -> {
            for (int y = 0; y < outHeight; y++) {
                Sgemm.multiply(inputRows(input, y, taps.get(t)), true, outputRow(outRows, y), false,
                        Sgemm.Rows.of(gradients[t]), y == 0 ? 0f : 1f);
            }
        });
        return gradients;
    }

    private Sgemm.Rows outputRow(INDArray outRows, int y) {
        long length = (long) outWidth * grid.batch();
        return new Sgemm.Rows(outRows, y * length, length);
    }

    private Sgemm.Rows inputRows(INDArray gridRows, int y, Tap tap) {
        return new Sgemm.Rows(gridRows, grid.row(y + tap.dy(), tap.dx()), (long) outWidth * grid.batch());
    }
}
