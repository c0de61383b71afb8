package dev.continuo.engine.model;

import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@code height × width} plane of positions, each holding a whole batch, flattened to the rows of a matrix
 * [height·width·batch, channels]: the layout of the grid-layout training code, whose tensors are HWNC
 * [H, W, N, C]. Because the batch lies inside each position, the rows of one plane row (all columns, all samples)
 * are contiguous, and so are those of the same row shifted by whole columns — what {@link TapConvolution} multiplies.
 *
 * <p>Every copy here moves runs of contiguous floats between whole (non-view) float arrays; ND4J's assignments of
 * strided views are far slower.
 */
record PlaneGrid(int height, int width, int batch) {

    int rows() {
        return height * width * batch;
    }

    /** The first matrix row of position (y, x). */
    int row(int y, int x) {
        return (y * width + x) * batch;
    }

    /** The grid of a compact tensor [H, W, N, C] with rows and columns of zeros on both sides. */
    static PlaneGrid padded(INDArray x, int rows, int columns) {
        return new PlaneGrid((int) x.size(0) + 2 * rows, (int) x.size(1) + 2 * columns, (int) x.size(2));
    }

    /** x [H, W, N, C] placed at (top, left) of this grid, zeros elsewhere: [rows, C]. */
    INDArray embed(INDArray x, int top, int left) {
        return embed(List.of(x), top, left);
    }

    /**
     * Parts [H, W, N, C_k] placed side by side along channels (a concatenation) at (top, left) of this grid, zeros
     * elsewhere: [rows, ΣC_k].
     */
    INDArray embed(List<INDArray> parts, int top, int left) {
        long channels = parts.stream().mapToLong(part -> part.size(3)).sum();
        INDArray grid = Nd4j.zeros(DataType.FLOAT, rows(), channels);
        int offset = 0;
        for (INDArray part : parts) {
            copyRect(part, grid, top, left, offset, true);
            offset += (int) part.size(3);
        }
        return grid;
    }

    /**
     * The H × W positions at (top, left) of grid rows [rows, C'] as a compact tensor [H, W, N, channels], taking
     * grid channels from {@code firstChannel} on.
     */
    INDArray extract(INDArray grid, int h, int w, int top, int left, int firstChannel, int channels) {
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, h, w, batch, channels);
        copyRect(x, grid, top, left, firstChannel, false);
        return x;
    }

    /** {@link #extract(INDArray, int, int, int, int, int, int)} of all the grid's channels. */
    INDArray extract(INDArray grid, int h, int w, int top, int left) {
        return extract(grid, h, w, top, left, 0, (int) grid.size(1));
    }

    /** Copies between compact x [H, W, N, C] and channels [first, first + C) of the rectangle at (top, left). */
    private void copyRect(INDArray x, INDArray grid, int top, int left, int firstChannel, boolean intoGrid) {
        int h = (int) x.size(0);
        int c = (int) x.size(3);
        int gridChannels = (int) grid.size(1);
        int positions = (int) (x.length() / h / c); // W·N per plane row
        FloatBuffer compact = floats(x);
        FloatBuffer rows = floats(grid);
        for (int y = 0; y < h; y++) {
            int gridRow = row(y + top, left);
            if (gridChannels == c) { // whole plane rows are contiguous on both sides
                int run = positions * c;
                copy(compact, y * run, rows, gridRow * c, run, intoGrid);
                continue;
            }
            for (int p = 0; p < positions; p++) {
                copy(compact, (y * positions + p) * c, rows, (gridRow + p) * gridChannels + firstChannel, c,
                        intoGrid);
            }
        }
    }

    private static void copy(FloatBuffer compact, int compactIndex, FloatBuffer grid, int gridIndex, int length,
            boolean intoGrid) {
        if (intoGrid) {
            grid.put(gridIndex, compact, compactIndex, length);
        } else {
            compact.put(compactIndex, grid, gridIndex, length);
        }
    }

    /**
     * The grid for a 4-tap, stride-2, SAME convolution of x [H, W, N, C] (H even) along H, and along W too if
     * {@code columns} is 2 (4 × 4 kernels; W even) rather than 1 (4 × 1 kernels), as a stride-1 one of 2 × columns
     * taps: x padded by one and folded space-to-depth, position (i, j) holding channel groups (a, b) of x[2i + a − 1,
     * 2j + b − 1] (columns 2) or x[2i + a − 1, j] (columns 1). Its height is H/2 + 1; its width W/2 + 1 or W.
     */
    static PlaneGrid spaceToDepth(INDArray x, int columns) {
        int w = (int) x.size(1);
        return new PlaneGrid((int) x.size(0) / 2 + 1, columns == 2 ? w / 2 + 1 : w, (int) x.size(2));
    }

    /** x [H, W, N, C] folded as {@link #spaceToDepth(INDArray, int)} describes: [rows, 2·columns·C]. */
    INDArray foldSpaceToDepth(INDArray x, int columns) {
        INDArray grid = Nd4j.zeros(DataType.FLOAT, rows(), 2L * columns * x.size(3));
        copySpaceToDepth(x, grid, columns, true);
        return grid;
    }

    /** The inverse of {@link #foldSpaceToDepth}: [H, W, N, C] read back from grid rows [rows, 2·columns·C]. */
    INDArray unfoldSpaceToDepth(INDArray grid, int h, int w, int columns) {
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, h, w, batch, grid.size(1) / (2L * columns));
        copySpaceToDepth(x, grid, columns, false);
        return x;
    }

    private void copySpaceToDepth(INDArray x, INDArray grid, int columns, boolean fold) {
        int h = (int) x.size(0);
        int w = (int) x.size(1);
        int c = (int) x.size(3);
        int groups = 2 * columns;
        FloatBuffer compact = floats(x);
        FloatBuffer folded = floats(grid);
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                for (int group = 0; group < groups; group++) {
                    int y = 2 * i + group / columns - 1;
                    int xx = columns == 2 ? 2 * j + group % 2 - 1 : j;
                    if (y < 0 || y >= h || xx < 0 || xx >= w) {
                        continue;
                    }
                    int compactIndex = (y * w + xx) * batch * c;
                    int foldedIndex = (row(i, j) * groups + group) * c;
                    for (int n = 0; n < batch; n++) {
                        if (fold) {
                            folded.put(foldedIndex + n * groups * c, compact, compactIndex + n * c, c);
                        } else {
                            compact.put(compactIndex + n * c, folded, foldedIndex + n * groups * c, c);
                        }
                    }
                }
            }
        }
    }

    /**
     * Interleaves 2·columns phases [H, W, N, C] into [2H, columns·W, N, C]: phase columns·py + px fills
     * (2y + py, columns·x + px).
     */
    static INDArray interleave(INDArray[] phases, int columns) {
        return copyPhases(phases, columns, null);
    }

    /** The inverse of {@link #interleave}: phase p of x [2H, columns·W, N, C], [H, W, N, C]. */
    static INDArray deinterleave(INDArray x, int phase, int columns) {
        INDArray[] phases = new INDArray[2 * columns];
        phases[phase] = Nd4j.createUninitialized(DataType.FLOAT, x.size(0) / 2, x.size(1) / columns, x.size(2),
                x.size(3));
        copyPhases(phases, columns, x);
        return phases[phase];
    }

    /** Copies between phases and the interleaved tensor: into a new one if {@code interleaved} is null, else out. */
    private static INDArray copyPhases(INDArray[] phases, int columns, INDArray interleaved) {
        INDArray some = java.util.Arrays.stream(phases).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        int h = (int) some.size(0);
        int w = (int) some.size(1);
        int run = (int) (some.size(2) * some.size(3));
        boolean out = interleaved == null;
        INDArray whole = out ? Nd4j.createUninitialized(DataType.FLOAT, 2L * h, (long) columns * w, some.size(2),
                some.size(3)) : interleaved;
        FloatBuffer target = floats(whole);
        for (int p = 0; p < phases.length; p++) {
            if (phases[p] == null) {
                continue;
            }
            FloatBuffer phase = floats(phases[p]);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int wholeIndex = ((2 * y + p / columns) * columns * w + columns * x + p % columns) * run;
                    int phaseIndex = (y * w + x) * run;
                    if (out) {
                        target.put(wholeIndex, phase, phaseIndex, run);
                    } else {
                        phase.put(phaseIndex, target, wholeIndex, run);
                    }
                }
            }
        }
        return whole;
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
