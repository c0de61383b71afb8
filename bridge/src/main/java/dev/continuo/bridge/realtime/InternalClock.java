package dev.continuo.bridge.realtime;

/**
 * Continuo's own clock: a fixed tempo in 4/4, starting with an optional count-in, looping one phrase forever.
 * Positions are derived from the backend's frame counter since start, so the grid is exact to the frame and stays
 * locked to real time even when a cycle is skipped (an xrun): time runs on, and the notes of the skipped cycle are
 * played at the start of the next. Real-time thread only.
 */
public final class InternalClock {

    private static final int STEPS_PER_BEAT = 4;
    private static final int STEPS_PER_BAR = 16;

    private final double beatsPerMinute;
    private final int countInSteps;
    private long originFrame;
    private boolean started;

    /**
     * @param beatsPerMinute quarter notes per minute
     * @param countInBars    bars of count-in before the first phrase
     */
    public InternalClock(double beatsPerMinute, int countInBars) {
        if (!(beatsPerMinute >= 20 && beatsPerMinute <= 400)) {
            throw new IllegalArgumentException("tempo must be 20–400 bpm, not " + beatsPerMinute);
        }
        if (countInBars < 0 || countInBars > 8) {
            throw new IllegalArgumentException("count-in must be 0–8 bars, not " + countInBars);
        }
        this.beatsPerMinute = beatsPerMinute;
        this.countInSteps = countInBars * STEPS_PER_BAR;
    }

    /**
     * Describes the cycle that starts at {@code firstFrame} of the backend's frame counter.
     *
     * @param frames frames in the cycle (unused for the position; kept for symmetry with the other clocks)
     */
    public void advance(long firstFrame, int frames, int sampleRate, CyclePosition out) {
        if (!started) {
            originFrame = firstFrame;
        }
        double framesPerStep = sampleRate * 60.0 / (beatsPerMinute * STEPS_PER_BEAT);
        out.rolling = true;
        out.contiguous = started;
        out.startStep = (firstFrame - originFrame) / framesPerStep - countInSteps;
        out.firstOffset = 0;
        out.framesPerStep = framesPerStep;
        out.stepsPerBar = STEPS_PER_BAR;
        out.stepsPerBeat = STEPS_PER_BEAT;
        out.beatsPerMinute = beatsPerMinute;
        out.loopsPhrase = true;
        out.source = ClockSource.INTERNAL;
        started = true;
    }

    /** Forgets the position, so the next cycle starts again with the count-in (used after a source switch). */
    public void restart() {
        started = false;
    }
}
