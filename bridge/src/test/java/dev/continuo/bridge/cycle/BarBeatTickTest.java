package dev.continuo.bridge.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BarBeatTickTest {

    private final BarBeatTick position = new BarBeatTick();

    @Test
    void frameZeroIsBarOneBeatOne() {
        position.locate(0, 48_000, 120, 4);
        assertEquals(1, position.bar);
        assertEquals(1, position.beat);
        assertEquals(0, position.tick);
        assertEquals(0.0, position.barStartTick);
    }

    @Test
    void countsBeatsBarsAndTicksFromTheFrame() {
        // 120 bpm at 48 kHz: a beat is 24,000 frames. Frame 228,000 = 9.5 beats = bar 3, beat 2, half a beat.
        position.locate(228_000, 48_000, 120, 4);
        assertEquals(3, position.bar);
        assertEquals(2, position.beat);
        assertEquals(960, position.tick);
        assertEquals(8 * 1920.0, position.barStartTick);
    }

    @Test
    void doesNotDriftOverAnHour() {
        // 90 bpm at 44.1 kHz: one hour is exactly 5,400 beats = 1,350 bars.
        position.locate(3600L * 44_100, 44_100, 90, 4);
        assertEquals(1351, position.bar);
        assertEquals(1, position.beat);
        assertEquals(0, position.tick);
    }

    @Test
    void threeFourBars() {
        position.locate(5 * 24_000, 48_000, 120, 3);
        assertEquals(2, position.bar);
        assertEquals(3, position.beat);
    }
}
