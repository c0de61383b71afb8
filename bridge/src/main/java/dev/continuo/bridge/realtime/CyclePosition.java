package dev.continuo.bridge.realtime;

/**
 * Where one real-time cycle lies in musical time, as a clock sees it. Positions are in sixteenth-note steps counted
 * from the start of the song (bar 1), and may be negative during a count-in. Filled in place each cycle; used on
 * the real-time thread only.
 */
public final class CyclePosition {

    /** Whether musical time advances in this cycle. */
    public boolean rolling;
    /** Whether this cycle continues the previous one without a jump (no locate, loop or restart). */
    public boolean contiguous;
    /** Musical position of the cycle's first frame, in steps. */
    public double startStep;
    /**
     * Frame offset in the cycle from which this position holds: 0, but for MIDI Start or Continue whose first clock
     * falls inside a cycle that began stopped, where it is that clock's offset.
     */
    public int firstOffset;
    /** Frames per sixteenth-note step at the current tempo. */
    public double framesPerStep;
    /** Steps per bar of the current meter. */
    public int stepsPerBar;
    /** Steps per beat of the current meter (4 for quarter-note beats, 2 for eighths). */
    public int stepsPerBeat;
    /** Tempo in beats per minute, for display. */
    public double beatsPerMinute;
    /** Whether the clock loops one phrase forever (Continuo's own clock), so every phrase maps to the first. */
    public boolean loopsPhrase;
    /** Which clock produced this position. */
    public ClockSource source = ClockSource.INTERNAL;

    /** Musical position just after the cycle's last frame. */
    public double endStep(int frames) {
        return startStep + frames / framesPerStep;
    }

    /** Not rolling, e.g. transport stopped. */
    public void stopped(ClockSource stoppedSource) {
        rolling = false;
        contiguous = false;
        firstOffset = 0;
        source = stoppedSource;
    }
}
