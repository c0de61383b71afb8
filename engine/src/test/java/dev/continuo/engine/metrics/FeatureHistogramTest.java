package dev.continuo.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureHistogramTest {

    @Test
    void identicalDistributionsOverlapFully() {
        assertEquals(1.0, FeatureHistogram.of(1, 2, 3, 0).overlap(FeatureHistogram.of(1, 2, 3, 0)), 1e-12);
        assertEquals(1.0, FeatureHistogram.of(1, 2, 3, 0).overlap(FeatureHistogram.of(3, 6, 9, 0)), 1e-12,
                "the same shape from three times the observations");
    }

    @Test
    void disjointDistributionsDoNotOverlap() {
        assertEquals(0.0, FeatureHistogram.of(4, 1, 0, 0).overlap(FeatureHistogram.of(0, 0, 2, 7)), 1e-12);
    }

    @Test
    void aWorkedMiddleCase() {
        // p = (1/4, 1/4, 1/4, 1/4), q = (1/2, 1/4, 1/4, 0): Σ min = 1/4 + 1/4 + 1/4 + 0 = 3/4.
        assertEquals(0.75, FeatureHistogram.of(1, 1, 1, 1).overlap(FeatureHistogram.of(2, 1, 1, 0)), 1e-12);
        // p = (1/2, 1/2, 0, 0), q = (0, 1/4, 1/4, 1/2): only the second bin is shared, min = 1/4.
        assertEquals(0.25, FeatureHistogram.of(2, 2, 0, 0).overlap(FeatureHistogram.of(0, 1, 1, 2)), 1e-12);
    }

    @Test
    void countingClampsToTheEndBins() {
        FeatureHistogram histogram = new FeatureHistogram(3);
        histogram.add(-5);
        histogram.add(1);
        histogram.add(99);
        assertEquals(3, histogram.total());
        assertEquals(1.0, histogram.overlap(FeatureHistogram.of(1, 1, 1)), 1e-12);
    }

    @Test
    void anEmptyHistogramCannotBeComparedAndBinsMustMatch() {
        assertTrue(Double.isNaN(new FeatureHistogram(4).overlap(FeatureHistogram.of(1, 0, 0, 0))));
        assertThrows(IllegalArgumentException.class, () -> FeatureHistogram.of(1, 2).overlap(FeatureHistogram.of(1)));
    }
}
