package dev.continuo.bridge.realtime;

/**
 * Musical time from MIDI clock on the input: 24 clocks per quarter note, Start (position 0), Continue, Stop and Song
 * Position Pointer (in sixteenths). The tempo is estimated from the spacing of the clocks (smoothed), and each
 * cycle's position is predicted from the last clock, so output stays on the grid between clocks. Until two clocks
 * gave a spacing (a sender that sends clock only while playing), a nominal 120 bpm stands in: the position at the
 * first clock is exact all the same, so what plays at the start plays on that clock's frame, not a cycle later.
 * Meter is taken as 4/4 (MIDI clock carries none). Real-time thread only.
 */
public final class MidiClockFollower {

    private static final int CLOCKS_PER_STEP = 6;
    private static final double SMOOTHING = 0.1;
    private static final double MAX_EXTRAPOLATED_CLOCKS = 2.0;
    /** Clock is considered present this long after its last tick. */
    private static final double PRESENT_SECONDS = 1.0;
    private static final double NOMINAL_BEATS_PER_MINUTE = 120;

    private boolean running;
    private boolean awaitingFirstClock;
    private long clocks;
    private long positionClocks;
    private long lastClockFrame = Long.MIN_VALUE;
    /** The frame of the first clock after the last Start or Continue. */
    private long firstClockFrame;
    /** The measured spacing of clocks; 0 until two clocks came. */
    private double framesPerClock;
    private double nominalFramesPerClock;
    private boolean jumped = true;
    private boolean wasRolling;
    private double expectedStep;
    private long expectedFrame;

    /** A timing clock (F8) arrived at {@code frame}. */
    public void clock(long frame) {
        if (lastClockFrame != Long.MIN_VALUE && running && !awaitingFirstClock) {
            long spacing = frame - lastClockFrame;
            if (spacing > 0) {
                framesPerClock = framesPerClock == 0 ? spacing : framesPerClock + (spacing - framesPerClock)
                        * SMOOTHING;
            }
        }
        if (running) {
            if (awaitingFirstClock) {
                clocks = positionClocks;
                firstClockFrame = frame;
                awaitingFirstClock = false;
            } else {
                clocks++;
            }
        }
        lastClockFrame = frame;
    }

    /** Start (FA): play from the top. */
    public void start() {
        positionClocks = 0;
        running = true;
        awaitingFirstClock = true;
        jumped = true;
    }

    /** Continue (FB): play on from the current position. */
    public void resume() {
        positionClocks = clocks;
        running = true;
        awaitingFirstClock = true;
        jumped = true;
    }

    /** Stop (FC). */
    public void stop() {
        running = false;
    }

    /** Song Position Pointer (F2) in sixteenth notes. */
    public void songPosition(int sixteenths) {
        positionClocks = (long) sixteenths * CLOCKS_PER_STEP;
        clocks = positionClocks;
        jumped = true;
    }

    /** Whether a clock arrived in the last second before {@code frame}. */
    public boolean present(long frame, int sampleRate) {
        return lastClockFrame != Long.MIN_VALUE && frame - lastClockFrame < PRESENT_SECONDS * sampleRate;
    }

    /** Whether Start or Continue came and Stop has not. */
    public boolean running() {
        return running;
    }

    /** The position, in steps, that Start, Continue or Song Position Pointer set. */
    public double startStep() {
        return (double) positionClocks / CLOCKS_PER_STEP;
    }

    /** Whether the clock runs and has ticked since Start or Continue, with a known tempo. */
    public boolean ticking() {
        return running && !awaitingFirstClock && spacing() > 0;
    }

    /** Frames per clock: measured, else the nominal tempo's (0 before the first cycle told the sample rate). */
    private double spacing() {
        return framesPerClock > 0 ? framesPerClock : nominalFramesPerClock;
    }

    /** Musical position, in steps, of a frame at or after the last clock; only while {@link #ticking()}. */
    public double stepAt(long frame) {
        return (clocks + Math.min(MAX_EXTRAPOLATED_CLOCKS, (frame - lastClockFrame) / spacing())) / CLOCKS_PER_STEP;
    }

    /** Describes the cycle starting at {@code firstFrame}. */
    public void advance(long firstFrame, int frames, int sampleRate, CyclePosition out) {
        nominalFramesPerClock = sampleRate * 60.0 / (NOMINAL_BEATS_PER_MINUTE * 24);
        if (!ticking()) {
            wasRolling = false;
            out.stopped(ClockSource.MIDI);
            return;
        }
        double framesPerClockNow = spacing();
        double framesPerStep = framesPerClockNow * CLOCKS_PER_STEP;
        // Clocks of this cycle are parsed after this runs, so extrapolate past the last one; but never more than two
        // clocks, so that a vanished clock source does not run away with the position.
        double predicted = stepAt(firstFrame);
        // Cycles this client missed (an xrun) leave a forward gap; time ran on, so it still counts as contiguous.
        long missedFrames = firstFrame - expectedFrame;
        boolean contiguous = wasRolling && !jumped && missedFrames >= 0 && missedFrames <= sampleRate / 4;
        out.rolling = true;
        out.contiguous = contiguous;
        out.startStep = contiguous ? Math.max(expectedStep, predicted) : predicted;
        // Called again mid-cycle (the engine's render) when Start or Continue came with its clock in this cycle: the
        // position holds from that clock on, not before it.
        out.firstOffset = contiguous ? 0 : (int) Math.max(0, Math.min(frames - 1, firstClockFrame - firstFrame));
        out.framesPerStep = framesPerStep;
        out.stepsPerBar = 16;
        out.stepsPerBeat = 4;
        out.beatsPerMinute = sampleRate * 60.0 / (framesPerClockNow * 24);
        out.loopsPhrase = false;
        out.source = ClockSource.MIDI;
        wasRolling = true;
        jumped = false;
        expectedFrame = firstFrame + frames;
        expectedStep = out.startStep + frames / framesPerStep;
    }
}
