package dev.continuo.engine.model;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * C = α·op(A)·op(B) + β·C on row blocks of row-major float matrices, by OpenBLAS's SGEMM — the library ND4J itself
 * multiplies with — called directly, because through {@code Nd4j.gemm} concurrent products from two threads do not
 * scale as they do called directly. Thread-safe.
 */
final class Sgemm {

    /** Rows [first, first + count) of a contiguous row-major float matrix [rows, columns] (which may be a view). */
    record Rows(INDArray matrix, long first, long count) {

        Rows {
            if (matrix.dataType() != DataType.FLOAT || matrix.rank() != 2 || matrix.ordering() != 'c'
                    || matrix.stride(1) != 1 || matrix.stride(0) != matrix.size(1)) {
                throw new IllegalArgumentException("needs a contiguous row-major float matrix");
            }
            if (first < 0 || count < 0 || first + count > matrix.size(0)) {
                throw new IndexOutOfBoundsException("rows " + first + "+" + count + " of " + matrix.size(0));
            }
        }

        /** All rows of the matrix. */
        static Rows of(INDArray matrix) {
            return new Rows(matrix, 0, matrix.size(0));
        }

        int columns() {
            return (int) matrix.size(1);
        }

        /** The first row's address; a view's data buffer already starts at the view's offset. */
        FloatPointer pointer() {
            return new FloatPointer(matrix.data().addressPointer()).position(first * matrix.size(1));
        }
    }

    private Sgemm() {
    }

    /**
     * c = a·b + beta·c, with a or b read transposed if asked.
     *
     * @throws IllegalArgumentException if the shapes do not fit
     */
    static void multiply(Rows a, boolean transposeA, Rows b, boolean transposeB, Rows c, float beta) {
        long m = transposeA ? a.columns() : a.count();
        long k = transposeA ? a.count() : a.columns();
        long kb = transposeB ? b.columns() : b.count();
        long n = transposeB ? b.count() : b.columns();
        if (k != kb || c.count() != m || c.columns() != n) {
            throw new IllegalArgumentException("cannot multiply " + m + "×" + k + " by " + kb + "×" + n + " into "
                    + c.count() + "×" + c.columns());
        }
        if (m == 0 || n == 0) {
            return;
        }
        openblas.cblas_sgemm(openblas.CblasRowMajor, transposeA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transposeB ? openblas.CblasTrans : openblas.CblasNoTrans, (int) m, (int) n, (int) k, 1f, a.pointer(),
                a.columns(), b.pointer(), b.columns(), beta, c.pointer(), c.columns());
    }
}
