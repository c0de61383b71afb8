package dev.continuo.bridge.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MidiClockFollowerTest {

    private final MidiClockFollower follower = new MidiClockFollower();
    private final CyclePosition position = new CyclePosition();

    private void clocks(long from, int count, long spacing) {
        for (int i = 0; i < count; i++) {
            follower.clock(from + i * spacing);
        }
    }

    @Test
    void notRollingBeforeStartOrBeforeTheFirstClockAfterStart() {
        clocks(0, 10, 1000);
        follower.advance(10_000, 256, 48_000, position);
        assertFalse(position.rolling);
        assertEquals(ClockSource.MIDI, position.source);
        follower.start();
        follower.advance(10_256, 256, 48_000, position);
        assertFalse(position.rolling);
    }

    @Test
    void startAndClocksEveryThousandFramesGiveSixThousandFramesAStep() {
        follower.start();
        clocks(0, 13, 1000); // clocks 0..12, the last at frame 12,000
        follower.advance(12_500, 256, 48_000, position);
        assertTrue(position.rolling);
        assertFalse(position.contiguous);
        assertEquals(6000.0, position.framesPerStep, 1e-9);
        assertEquals(120.0, position.beatsPerMinute, 1e-9);
        assertEquals(12.5 / 6, position.startStep, 1e-12);
        assertEquals(16, position.stepsPerBar);
        assertEquals(4, position.stepsPerBeat);
        assertEquals(ClockSource.MIDI, position.source);

        follower.advance(12_756, 256, 48_000, position);
        assertTrue(position.contiguous);
        assertEquals(12.756 / 6, position.startStep, 1e-12);
    }

    @Test
    void theFirstClockAfterStartIsPositionZero() {
        follower.start();
        clocks(5000, 3, 1000);
        follower.advance(7000, 256, 48_000, position);
        assertEquals(2 / 6.0, position.startStep, 1e-12);
    }

    @Test
    void predictionPastTheLastClockIsCappedAtTwoClocks() {
        follower.start();
        clocks(0, 7, 1000); // clocks 0..6, the last at frame 6000
        follower.advance(7500, 256, 48_000, position);
        assertEquals(7.5 / 6.0, position.startStep, 1e-12);
        follower.advance(12_000, 256, 48_000, position);
        assertEquals(8 / 6.0, position.startStep, 1e-12);
    }

    @Test
    void stepOfAFrameAfterTheFirstClockIsKnownInThatCycle() {
        follower.start();
        assertFalse(follower.ticking());
        follower.clock(1000);
        follower.clock(2000);
        assertTrue(follower.ticking());
        assertEquals(1.5 / 6, follower.stepAt(2500), 1e-12);
    }

    @Test
    void withoutAMeasuredTempoTheFirstClockTicksAtTheNominalTempoThenTheMeasuredOneTakesOver() {
        follower.advance(0, 256, 48_000, position); // a cycle tells the sample rate
        follower.songPosition(4);
        follower.resume();
        follower.clock(10_340);
        assertTrue(follower.ticking(), "the position at the first clock is known");
        assertEquals(4, follower.stepAt(10_340), 1e-12);
        follower.advance(10_496, 256, 48_000, position);
        assertTrue(position.rolling);
        assertEquals(4 + 156 / 6000.0, position.startStep, 1e-12);
        follower.clock(11_090); // 750 frames: 160 bpm
        assertEquals(4 + 1 / 6.0, follower.stepAt(11_090), 1e-12);
        follower.advance(11_264, 256, 48_000, position);
        assertEquals(160.0, position.beatsPerMinute, 1e-9);
    }

    @Test
    void stopEndsRolling() {
        follower.start();
        clocks(0, 7, 1000);
        follower.advance(6000, 256, 48_000, position);
        assertTrue(position.rolling);
        follower.stop();
        follower.clock(7000);
        follower.advance(7000, 256, 48_000, position);
        assertFalse(position.rolling);
        assertFalse(position.contiguous);
    }

    @Test
    void songPositionPointerThenContinueResumesThere() {
        follower.start();
        clocks(0, 7, 1000);
        follower.stop();
        follower.songPosition(32); // sixteenths
        follower.resume();
        follower.advance(50_000, 256, 48_000, position);
        assertFalse(position.rolling, "waits for the first clock after Continue");
        follower.clock(100_000);
        follower.advance(100_000, 256, 48_000, position);
        assertTrue(position.rolling);
        assertFalse(position.contiguous);
        assertEquals(32.0, position.startStep, 1e-12);
        assertEquals(6000.0, position.framesPerStep, 1e-9, "the pause must not count as a clock interval");
        follower.clock(101_000);
        follower.advance(101_000, 256, 48_000, position);
        assertEquals(32 + 1 / 6.0, position.startStep, 1e-12);
    }

    @Test
    void tempoIsSmoothedTowardsTheNewSpacing() {
        follower.start();
        clocks(0, 3, 1000); // 1000 frames per clock
        follower.clock(2500); // spacing 500: 1000 + (500 - 1000) * 0.1 = 950
        follower.advance(2500, 256, 48_000, position);
        assertEquals(950 * 6.0, position.framesPerStep, 1e-9);
    }

    @Test
    void presentForOneSecondAfterTheLastClock() {
        assertFalse(follower.present(0, 48_000));
        follower.clock(1000);
        assertTrue(follower.present(1000, 48_000));
        assertTrue(follower.present(48_999, 48_000));
        assertFalse(follower.present(49_000, 48_000));
    }
}
