package dev.continuo.bridge.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InternalClockTest {

    private final CyclePosition position = new CyclePosition();

    @Test
    void startsWithTheCountInAndAdvancesByFrames() {
        InternalClock clock = new InternalClock(120, 2);
        clock.advance(10_000, 256, 48_000, position);
        assertTrue(position.rolling);
        assertFalse(position.contiguous);
        assertEquals(-32.0, position.startStep);
        assertEquals(6000.0, position.framesPerStep);
        assertEquals(16, position.stepsPerBar);
        assertTrue(position.loopsPhrase);
        assertEquals(ClockSource.INTERNAL, position.source);
        clock.advance(10_256, 512, 48_000, position);
        assertTrue(position.contiguous);
        assertEquals(-32 + 256 / 6000.0, position.startStep, 1e-12);
        clock.advance(10_768, 256, 48_000, position);
        assertEquals(-32 + 768 / 6000.0, position.startStep, 1e-12);
        assertEquals(-32 + 1024 / 6000.0, position.endStep(256), 1e-12);
    }

    @Test
    void restartGoesBackToTheCountIn() {
        InternalClock clock = new InternalClock(90, 1);
        for (int i = 0; i < 100; i++) {
            clock.advance(i * 1024L, 1024, 44_100, position);
        }
        clock.restart();
        clock.advance(100 * 1024L, 1024, 44_100, position);
        assertFalse(position.contiguous);
        assertEquals(-16.0, position.startStep);
        assertEquals(44_100 * 60.0 / 360, position.framesPerStep, 1e-12);
    }

    @Test
    void aSkippedCycleDoesNotPutTheClockBehindRealTime() {
        InternalClock clock = new InternalClock(120, 0);
        clock.advance(0, 256, 48_000, position);
        clock.advance(256, 256, 48_000, position);
        clock.advance(1024, 256, 48_000, position); // the cycles at 512 and 768 never ran
        assertTrue(position.contiguous);
        assertEquals(1024 / 6000.0, position.startStep, 1e-12);
    }

    @Test
    void rejectsOutOfRangeSettings() {
        assertThrows(IllegalArgumentException.class, () -> new InternalClock(19, 0));
        assertThrows(IllegalArgumentException.class, () -> new InternalClock(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new InternalClock(120, 9));
    }
}
