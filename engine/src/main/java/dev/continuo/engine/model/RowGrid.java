package dev.continuo.engine.model;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A padded grid of {@code batch × height × width} positions flattened to the rows of a matrix [rows, channels], the
 * layout {@link TapConvolution} works on, and the copies between it and compact NHWC tensors [N, H, W, C].
 *
 * <p>Every copy moves runs of contiguous floats between whole (non-view) float arrays; ND4J's own assignments of
 * strided views are far slower.
 */
record RowGrid(int batch, int height, int width) {

    int rows() {
        return batch * height * width;
    }

    private int row(int n, int y, int x) {
        return (n * height + y) * width + x;
    }

    /** The compact tensor x [N, H, W, C] placed at (top, left) of this grid, zeros elsewhere: [rows, C]. */
    INDArray embed(INDArray x, int top, int left) {
        int n = (int) x.size(0);
        int h = (int) x.size(1);
        int w = (int) x.size(2);
        int c = (int) x.size(3);
        INDArray grid = Nd4j.zeros(DataType.FLOAT, rows(), c);
        FloatBuffer source = floats(x);
        FloatBuffer target = floats(grid);
        int run = w * c;
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                target.put(row(i, y + top, left) * c, source, (i * h + y) * run, run);
            }
        }
        return grid;
    }

    /** The H × W positions at (top, left) of grid rows [rows, C] as a compact tensor [N, H, W, C]. */
    INDArray extract(INDArray grid, int h, int w, int top, int left) {
        int c = (int) grid.size(1);
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, batch, h, w, c);
        FloatBuffer source = floats(grid);
        FloatBuffer target = floats(x);
        int run = w * c;
        for (int i = 0; i < batch; i++) {
            for (int y = 0; y < h; y++) {
                target.put((i * h + y) * run, source, row(i, y + top, left) * c, run);
            }
        }
        return x;
    }

    /**
     * The grid for a 4 × 4, stride-2, SAME convolution of x [N, H, W, C] (H, W even) as a 2 × 2 stride-1 one:
     * x padded by one and folded space-to-depth, position (i, j) holding channels (a, b, c) =
     * x[2i + a − 1, 2j + b − 1, c]. Its height and width are H/2 + 1 and W/2 + 1.
     */
    static RowGrid spaceToDepth(INDArray x) {
        return new RowGrid((int) x.size(0), (int) x.size(1) / 2 + 1, (int) x.size(2) / 2 + 1);
    }

    /** x [N, H, W, C] folded as {@link #spaceToDepth(INDArray)} describes: [rows, 4C]. */
    INDArray foldSpaceToDepth(INDArray x) {
        INDArray grid = Nd4j.zeros(DataType.FLOAT, rows(), 4 * x.size(3));
        copySpaceToDepth(x, grid, true);
        return grid;
    }

    /** The inverse of {@link #foldSpaceToDepth}: the tensor [N, H, W, C] read back from grid rows [rows, 4C]. */
    INDArray unfoldSpaceToDepth(INDArray grid, int h, int w) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, batch, h, w, grid.size(1) / 4);
        copySpaceToDepth(x, grid, false);
        return x;
    }

    private void copySpaceToDepth(INDArray x, INDArray grid, boolean fold) {
        int h = (int) x.size(1);
        int w = (int) x.size(2);
        int c = (int) x.size(3);
        FloatBuffer compact = floats(x);
        FloatBuffer folded = floats(grid);
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < height; i++) {
                for (int a = 0; a < 2; a++) {
                    int y = 2 * i + a - 1;
                    if (y < 0 || y >= h) {
                        continue;
                    }
                    for (int j = 0; j < width; j++) {
                        // (b, c) for b = 0, 1 are x[y, 2j − 1 .. 2j, :], contiguous; clip at the edges
                        int first = Math.max(2 * j - 1, 0);
                        int last = Math.min(2 * j, w - 1);
                        if (first > last) {
                            continue;
                        }
                        int foldedIndex = (row(n, i, j) * 4 + a * 2 + (first - (2 * j - 1))) * c;
                        int compactIndex = ((n * h + y) * w + first) * c;
                        int length = (last - first + 1) * c;
                        if (fold) {
                            folded.put(foldedIndex, compact, compactIndex, length);
                        } else {
                            compact.put(compactIndex, folded, foldedIndex, length);
                        }
                    }
                }
            }
        }
    }

    /**
     * Interleaves four phase outputs, grid rows [rows, C] with the value for (y, x) at grid position (y, x), into a
     * tensor [N, 2H, 2W, C]: phase p = 2·py + px fills positions (2y + py, 2x + px).
     */
    INDArray interleave(INDArray[] phases, int h, int w) {
        int c = (int) phases[0].size(1);
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, batch, 2 * h, 2 * w, c);
        FloatBuffer target = floats(x);
        for (int p = 0; p < 4; p++) {
            FloatBuffer source = floats(phases[p]);
            for (int n = 0; n < batch; n++) {
                for (int y = 0; y < h; y++) {
                    int targetRow = (n * 2 * h + 2 * y + p / 2) * 2 * w + p % 2;
                    int sourceRow = row(n, y, 0);
                    for (int xx = 0; xx < w; xx++) {
                        target.put((targetRow + 2 * xx) * c, source, (sourceRow + xx) * c, c);
                    }
                }
            }
        }
        return x;
    }

    /** The adjoint of {@link #interleave}: phase p of x [N, 2H, 2W, C] as grid rows [rows, C], zeros elsewhere. */
    INDArray deinterleave(INDArray x, int phase, int h, int w) {
        int c = (int) x.size(3);
        INDArray grid = Nd4j.zeros(DataType.FLOAT, rows(), c);
        FloatBuffer source = floats(x);
        FloatBuffer target = floats(grid);
        for (int n = 0; n < batch; n++) {
            for (int y = 0; y < h; y++) {
                int sourceRow = (n * 2 * h + 2 * y + phase / 2) * 2 * w + phase % 2;
                int targetRow = row(n, y, 0);
                for (int xx = 0; xx < w; xx++) {
                    target.put((targetRow + xx) * c, source, (sourceRow + 2 * xx) * c, c);
                }
            }
        }
        return grid;
    }

    /** The float buffer of a whole, contiguous float array (not a view into a larger one). */
    static FloatBuffer floats(INDArray array) {
        if (array.dataType() != DataType.FLOAT || array.ordering() != 'c' || array.offset() != 0
                || array.data().length() != array.length()) {
            throw new IllegalArgumentException("needs a whole, contiguous float array");
        }
        return array.data().asNioFloat();
    }
}
