package dev.continuo.bridge.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.cycle.TransportSnapshot;
import org.junit.jupiter.api.Test;

class JackTransportClockTest {

    private final JackTransportClock clock = new JackTransportClock();
    private final TransportSnapshot transport = new TransportSnapshot();
    private final CyclePosition position = new CyclePosition();

    private void rollingAt(long frame, int bar, int beat, int tick, float beatsPerBar, float beatType, double bpm) {
        transport.set(true, frame);
        transport.setBbt(bar, beat, tick, 1920, beatsPerBar, beatType, bpm);
    }

    @Test
    void startsFromBarBeatTick() {
        rollingAt(480_000, 3, 2, 960, 4, 4, 120);
        assertTrue(clock.advance(transport, 256, 48_000, position));
        assertTrue(position.rolling);
        assertFalse(position.contiguous);
        assertEquals(38.0, position.startStep, 1e-12);
        assertEquals(6000.0, position.framesPerStep, 1e-12);
        assertEquals(4, position.stepsPerBeat);
        assertEquals(16, position.stepsPerBar);
        assertEquals(120.0, position.beatsPerMinute);
        assertFalse(position.loopsPhrase);
        assertEquals(ClockSource.JACK, position.source);
    }

    @Test
    void contiguousCyclesIntegrateTheTempoNotTheReportedTicks() {
        rollingAt(480_000, 3, 2, 960, 4, 4, 120);
        clock.advance(transport, 256, 48_000, position);
        // The master reports a stale, tick-rounded position: it must be ignored while the frames run on.
        rollingAt(480_256, 3, 2, 960, 4, 4, 120);
        assertTrue(clock.advance(transport, 256, 48_000, position));
        assertTrue(position.contiguous);
        assertEquals(38 + 256 / 6000.0, position.startStep, 1e-12);

        // Tempo doubles: this cycle still starts where the last one ended; the next advances twice as fast.
        rollingAt(480_512, 9, 1, 0, 4, 4, 240);
        clock.advance(transport, 256, 48_000, position);
        assertTrue(position.contiguous);
        assertEquals(38 + 512 / 6000.0, position.startStep, 1e-12);
        assertEquals(3000.0, position.framesPerStep, 1e-12);
        rollingAt(480_768, 9, 1, 0, 4, 4, 240);
        clock.advance(transport, 256, 48_000, position);
        assertEquals(38 + 512 / 6000.0 + 256 / 3000.0, position.startStep, 1e-12);
    }

    @Test
    void cyclesThisClientMissedAreIntegratedNotReadFromALateMaster() {
        rollingAt(480_000, 3, 2, 960, 4, 4, 120);
        clock.advance(transport, 256, 48_000, position);
        // Two cycles never ran here; the master's bar/beat/tick is a cycle behind.
        rollingAt(480_768, 3, 2, 960 + 61, 4, 4, 120);
        clock.advance(transport, 256, 48_000, position);
        assertTrue(position.contiguous);
        assertEquals(38 + 768 / 6000.0, position.startStep, 1e-12);
    }

    @Test
    void aJumpReanchorsOnBarBeatTick() {
        rollingAt(480_000, 3, 2, 960, 4, 4, 120);
        clock.advance(transport, 256, 48_000, position);
        rollingAt(1_000_000, 5, 1, 0, 4, 4, 120);
        clock.advance(transport, 256, 48_000, position);
        assertFalse(position.contiguous);
        assertEquals(64.0, position.startStep, 1e-12);
    }

    @Test
    void restartAfterStopReanchorsEvenAtTheExpectedFrame() {
        rollingAt(0, 1, 1, 0, 4, 4, 120);
        clock.advance(transport, 256, 48_000, position);
        transport.set(false, 256);
        transport.setBbt(2, 1, 0, 1920, 4, 4, 120);
        assertTrue(clock.advance(transport, 256, 48_000, position));
        assertFalse(position.rolling);
        assertEquals(ClockSource.JACK, position.source);
        rollingAt(256, 2, 1, 0, 4, 4, 120);
        clock.advance(transport, 256, 48_000, position);
        assertFalse(position.contiguous);
        assertEquals(16.0, position.startStep, 1e-12);
    }

    @Test
    void noMusicalTimeMeansNoPositionAndOutputUntouched() {
        position.startStep = 123;
        transport.set(true, 1000);
        assertFalse(clock.advance(transport, 256, 48_000, position));
        transport.clear();
        assertFalse(clock.advance(transport, 256, 48_000, position));
        assertEquals(123, position.startStep);
        assertEquals(ClockSource.INTERNAL, position.source);
    }

    @Test
    void sixEightCountsEighthBeatsAsTwoStepsAndTwelveStepsABar() {
        rollingAt(0, 2, 4, 960, 6, 8, 120);
        assertTrue(clock.advance(transport, 256, 48_000, position));
        assertEquals(2, position.stepsPerBeat);
        assertEquals(12, position.stepsPerBar);
        assertEquals((6 + 3 + 0.5) * 2, position.startStep, 1e-12);
        assertEquals(12_000.0, position.framesPerStep, 1e-12);
    }
}
