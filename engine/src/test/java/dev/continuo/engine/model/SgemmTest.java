package dev.continuo.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SgemmTest {

    private static INDArray rows(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    @Test
    void multipliesRowBlocksOfViewsInPlaceWithEveryTransposition() {
        Nd4j.getRandom().setSeed(3);
        INDArray a = Nd4j.rand(DataType.FLOAT, 9, 3);
        INDArray bWhole = Nd4j.rand(DataType.FLOAT, 8, 4);
        INDArray b = rows(bWhole, 2, 5); // a view at an offset: [3, 4]
        for (boolean transposeA : new boolean[] {false, true}) {
            for (boolean transposeB : new boolean[] {false, true}) {
                INDArray left = transposeA ? rows(a, 1, 6).transpose().dup() : rows(a, 1, 6); // [5, 3] or [3, 5]
                INDArray right = transposeB ? b.transpose().dup() : b; // [3, 4] or [4, 3]
                INDArray c = Nd4j.rand(DataType.FLOAT, 7, 4);
                INDArray expected = c.dup();
                rows(expected, 2, 7).muli(0.5).addi(rows(a, 1, 6).mmul(b));
                Sgemm.Rows leftRows = transposeA ? Sgemm.Rows.of(left) : new Sgemm.Rows(a, 1, 5);
                Sgemm.multiply(leftRows, transposeA, Sgemm.Rows.of(right), transposeB, new Sgemm.Rows(c, 2, 5), 0.5f);
                assertTrue(expected.equalsWithEps(c, 1e-5), "transposeA " + transposeA + ", transposeB " + transposeB
                        + ": " + c + " vs " + expected);
            }
        }
    }

    @Test
    void refusesShapesThatDoNotFitAndNonContiguousMatrices() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 4, 3);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 2, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sgemm.multiply(
                Sgemm.Rows.of(a), false, Sgemm.Rows.of(b), false, Sgemm.Rows.of(Nd4j.zeros(DataType.FLOAT, 4, 5)), 0f));
        assertEquals("cannot multiply 4×3 by 2×5 into 4×5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sgemm.Rows.of(a.transpose()));
        assertThrows(IllegalArgumentException.class, () -> Sgemm.Rows.of(Nd4j.zeros(DataType.DOUBLE, 2, 2)));
        assertThrows(IndexOutOfBoundsException.class, () -> new Sgemm.Rows(a, 3, 2));
    }
}
