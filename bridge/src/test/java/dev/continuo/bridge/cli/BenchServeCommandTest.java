package dev.continuo.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BenchServeCommandTest {

    @Test
    void measuresDistanceFromTheGridPhaseMostOnsetsShare() {
        long[] onsets = {6100, 12_100, 18_103, 24_100, 29_998, 36_100};
        assertArrayEquals(new double[] {0, 0, 0, 0, 3, 102}, BenchServeCommand.gridErrors(onsets, 6000));
    }

    @Test
    void wrapsAroundTheStep() {
        long[] onsets = {5999, 11_999, 18_001};
        assertArrayEquals(new double[] {0, 0, 2}, BenchServeCommand.gridErrors(onsets, 6000));
    }

    @Test
    void handlesStepsOfAFractionalNumberOfFrames() {
        // 44.1 kHz at 120 bpm: 5,512.5 frames per step; onsets rounded to whole frames are at most half a frame off.
        long[] onsets = {0, 5513, 11_025, 16_538};
        double[] errors = BenchServeCommand.gridErrors(onsets, 5512.5);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5}, errors, 1e-9);
    }
}
