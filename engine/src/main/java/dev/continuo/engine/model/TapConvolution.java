package dev.continuo.engine.model;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A convolution on {@link RowGrid} rows computed as one matrix product per tap: a tap reads the input rows shifted by
 * a fixed offset (its displacement on the grid), so output rows [0, R − shift) accumulate input rows [shift, R) times
 * the tap's [in, out] kernel. No im2col copy is made, and the backward passes are the same products transposed —
 * every one a contiguous block, which ND4J multiplies at its full GEMM speed.
 *
 * <p>The input may be given in parts (a concatenation along channels never made): part k uses the rows of each
 * kernel that belong to its channels.
 */
final class TapConvolution {

    /** One tap: the row offset it reads at and its kernel [in, out] (in = all parts' channels together). */
    record Tap(int shift, INDArray kernel) {
    }

    private final List<Tap> taps;
    private final int[] partChannels;
    private final long outChannels;

    TapConvolution(List<Tap> taps, int... partChannels) {
        this.taps = taps;
        this.partChannels = partChannels;
        this.outChannels = taps.get(0).kernel().size(1);
    }

    /** Output rows [R, out] for input parts [R, channels of part k], without bias. */
    INDArray forward(List<INDArray> parts) {
        int rows = (int) parts.get(0).size(0);
        INDArray out = Nd4j.zeros(DataType.FLOAT, rows, outChannels);
        for (Tap tap : taps) {
            for (int k = 0; k < parts.size(); k++) {
                Nd4j.gemm(rows(parts.get(k), tap.shift(), rows), kernelRows(tap, k),
                        rows(out, 0, rows - tap.shift()), false, false, 1.0, 1.0);
            }
        }
        return out;
    }

    /** d(input part k) [R, channels of part k] for output gradient rows [R, out] (zero where no output is used). */
    INDArray backwardData(INDArray outGradient, int part) {
        int rows = (int) outGradient.size(0);
        INDArray in = Nd4j.zeros(DataType.FLOAT, rows, partChannels[part]);
        for (Tap tap : taps) {
            Nd4j.gemm(rows(outGradient, 0, rows - tap.shift()), kernelRows(tap, part),
                    rows(in, tap.shift(), rows), false, true, 1.0, 1.0);
        }
        return in;
    }

    /** d(kernel) [in, out] of every tap, in tap order, for the input parts and output gradient rows. */
    INDArray[] backwardWeights(List<INDArray> parts, INDArray outGradient) {
        int rows = (int) outGradient.size(0);
        INDArray[] gradients = new INDArray[taps.size()];
        for (int t = 0; t < taps.size(); t++) {
            Tap tap = taps.get(t);
            gradients[t] = Nd4j.createUninitialized(DataType.FLOAT, tap.kernel().size(0), outChannels);
            for (int k = 0; k < parts.size(); k++) {
                Nd4j.gemm(rows(parts.get(k), tap.shift(), rows), rows(outGradient, 0, rows - tap.shift()),
                        rows(gradients[t], partOffset(k), partOffset(k) + partChannels[k]), true, false, 1.0, 0.0);
            }
        }
        return gradients;
    }

    private INDArray kernelRows(Tap tap, int part) {
        return rows(tap.kernel(), partOffset(part), partOffset(part) + partChannels[part]);
    }

    private int partOffset(int part) {
        int offset = 0;
        for (int k = 0; k < part; k++) {
            offset += partChannels[k];
        }
        return offset;
    }

    private static INDArray rows(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
