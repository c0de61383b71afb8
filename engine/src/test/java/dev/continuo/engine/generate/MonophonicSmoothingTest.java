package dev.continuo.engine.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class MonophonicSmoothingTest {

    private static int[] smooth(int minimum, int... values) {
        MonophonicSmoothing.mergeShortRuns(values, minimum);
        return values;
    }

    @Test
    void shortRunsJoinTheRunBefore() {
        assertArrayEquals(new int[] {5, 5, 5, 5, 7, 7}, smooth(2, 5, 5, 9, 5, 7, 7));
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5}, smooth(2, 5, 5, -1, 6, 5, 5), "a rest and a flicker");
    }

    @Test
    void aShortFirstRunJoinsTheRunAfter() {
        assertArrayEquals(new int[] {4, 4, 4, 8, 8}, smooth(2, 3, 4, 4, 8, 8));
        assertArrayEquals(new int[] {4, 4, 4, 4}, smooth(3, 3, 4, 4, 4));
    }

    @Test
    void longRunsAndShortWholeVoicesStay() {
        assertArrayEquals(new int[] {1, 1, 2, 2}, smooth(2, 1, 1, 2, 2));
        assertArrayEquals(new int[] {6}, smooth(4, 6));
        assertArrayEquals(new int[] {1, 2, 3}, smooth(1, 1, 2, 3));
    }
}
