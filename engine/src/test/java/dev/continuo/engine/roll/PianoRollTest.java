package dev.continuo.engine.roll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PianoRollTest {

    @Test
    void defaultsTo120BpmInFourFour() {
        PianoRoll roll = new PianoRoll(4, 32, List.of(), List.of(), List.of());
        assertEquals(List.of(new TempoChange(0, 500_000)), roll.tempos());
        assertEquals(120.0, roll.tempos().get(0).bpm(), 1e-9);
        assertArrayEquals(new int[] {0, 16}, roll.barStarts());
        assertArrayEquals(new int[] {0, 4, 8, 12, 16, 20, 24, 28}, roll.pulseStarts());
    }

    @Test
    void barsAndPulsesFollowTheMeterMap() {
        // 2 bars of 3/4 (12 steps each) then 6/8 (12 steps a bar, pulse = dotted quarter = 6 steps).
        PianoRoll roll = new PianoRoll(4, 48, List.of(), List.of(),
                List.of(new MeterChange(24, new Meter(6, 8)), new MeterChange(0, new Meter(3, 4))));
        assertArrayEquals(new int[] {0, 12, 24, 36}, roll.barStarts());
        assertArrayEquals(new int[] {0, 4, 8, 12, 16, 20, 24, 30, 36, 42}, roll.pulseStarts());
        assertEquals(new Meter(3, 4), roll.meterAt(23));
        assertEquals(new Meter(6, 8), roll.meterAt(24));
    }

    @Test
    void meterArithmetic() {
        assertEquals(16, Meter.FOUR_FOUR.stepsPerBar(4));
        assertEquals(10, new Meter(5, 8).stepsPerBar(4));
        assertEquals(2, new Meter(5, 8).stepsPerPulse(4));
        assertEquals(18, new Meter(9, 8).stepsPerBar(4));
        assertEquals(6, new Meter(9, 8).stepsPerPulse(4));
        assertTrue(new Meter(12, 8).isCompound());
        assertEquals(8, new Meter(2, 2).stepsPerPulse(4));
        assertThrows(IllegalArgumentException.class, () -> new Meter(4, 3));
    }

    @Test
    void partsMustMatchTheRollLength() {
        Part part = new Part("p", 0, 0, 0, 8);
        assertThrows(IllegalArgumentException.class, () -> new PianoRoll(4, 16, List.of(part), List.of(), List.of()));
    }
}
