package dev.continuo.engine.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.model.Architecture;
import org.junit.jupiter.api.Test;

class TrainingMemoryTest {

    @Test
    void memoryGrowsByTheSameAmountPerExample() {
        Architecture compact = Architecture.compact();
        assertTrue(perExample(compact) > 0);
        assertEquals(TrainingMemory.BASE_BYTES + 4096 * perExample(compact), TrainingMemory.bytes(compact, 4096));
    }

    @Test
    void theLargestBatchThatFitsFitsAndOneMoreDoesNot() {
        for (Architecture architecture : new Architecture[] {Architecture.compact(), Architecture.deepcomposer()}) {
            long limit = 8L << 30;
            int largest = TrainingMemory.largestBatch(architecture, limit);
            assertTrue(largest >= 1, architecture.name());
            assertTrue(TrainingMemory.bytes(architecture, largest) <= limit, architecture.name());
            assertTrue(TrainingMemory.bytes(architecture, largest + 1) > limit, architecture.name());
        }
        assertEquals(0, TrainingMemory.largestBatch(Architecture.compact(), TrainingMemory.BASE_BYTES / 2));
    }

    @Test
    void deepComposersTwoDimensionalLayersNeedMorePerExampleThanTheCompactOnes() {
        assertTrue(perExample(Architecture.deepcomposer()) > 4 * perExample(Architecture.compact()));
    }

    private static long perExample(Architecture architecture) {
        return TrainingMemory.bytes(architecture, 2) - TrainingMemory.bytes(architecture, 1);
    }

    @Test
    void theLimitIsPositive() {
        assertTrue(TrainingMemory.limitBytes() > 0);
    }

    @Test
    void aBatchIsHeldAgainstTheLimitPerShareAndTheRefusalNamesTheLargestThatFits() {
        Architecture compact = Architecture.compact();
        int largest = TrainingMemory.largestBatch(compact, TrainingMemory.limitBytes());
        assertDoesNotThrow(() -> TrainingMemory.requireFits(compact, largest, 1));
        // Twice the batch in two shares is the same iteration per task.
        assertDoesNotThrow(() -> TrainingMemory.requireFits(compact, 2 * largest, 2));
        String refusal = assertThrows(IllegalArgumentException.class,
                () -> TrainingMemory.requireFits(compact, 2 * (largest + 1), 2)).getMessage();
        assertTrue(refusal.startsWith("--batch " + 2 * (largest + 1) + " in 2 shares (" + (largest + 1)
                + " a share) needs about "), refusal);
        assertTrue(refusal.endsWith("the largest batch that fits is " + 2 * largest), refusal);
        assertEquals(1, refusal.lines().count());
    }
}
