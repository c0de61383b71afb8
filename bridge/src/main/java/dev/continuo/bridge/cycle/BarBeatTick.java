package dev.continuo.bridge.cycle;

/**
 * Bar, beat and tick of a frame at a constant tempo in n/4, as a JACK timebase master reports them. Computed from the
 * frame itself each time (never accumulated), so it does not drift. Filled in place; real-time safe.
 */
public final class BarBeatTick {

    /** Ticks per beat, the resolution most JACK applications use. */
    public static final double TICKS_PER_BEAT = 1920;

    /** Bar, counted from 1. */
    public int bar;
    /** Beat within the bar, counted from 1. */
    public int beat;
    /** Tick within the beat, from 0. */
    public int tick;
    /** Ticks from the start of the song to the start of this bar. */
    public double barStartTick;

    /** Fills this with the position of {@code frame} at {@code beatsPerMinute} quarter notes per minute. */
    public void locate(long frame, int sampleRate, double beatsPerMinute, int beatsPerBar) {
        double beats = frame * beatsPerMinute / (60.0 * sampleRate);
        long wholeBeats = (long) Math.floor(beats);
        long bars = Math.floorDiv(wholeBeats, beatsPerBar);
        bar = (int) bars + 1;
        beat = (int) (wholeBeats - bars * beatsPerBar) + 1;
        tick = (int) Math.min(TICKS_PER_BEAT - 1, Math.floor((beats - wholeBeats) * TICKS_PER_BEAT));
        barStartTick = bars * beatsPerBar * TICKS_PER_BEAT;
    }
}
