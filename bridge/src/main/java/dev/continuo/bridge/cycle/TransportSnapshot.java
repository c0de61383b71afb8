package dev.continuo.bridge.cycle;

/**
 * The host's transport as read at the start of one cycle: rolling or not, its frame position and, when a timebase
 * master provides them, bar/beat/tick and tempo. Filled in place by the backend every cycle (no allocation); read on
 * the real-time thread only.
 */
public final class TransportSnapshot {

    private boolean available;
    private boolean rolling;
    private long frame;
    private boolean bbtValid;
    private int bar;
    private int beat;
    private int tick;
    private double ticksPerBeat;
    private float beatsPerBar;
    private float beatType;
    private double beatsPerMinute;

    /** No transport (for backends without one, and before the first cycle). */
    public void clear() {
        available = false;
        rolling = false;
        frame = 0;
        bbtValid = false;
    }

    /** Position without musical time. */
    public void set(boolean rolling, long frame) {
        this.available = true;
        this.rolling = rolling;
        this.frame = frame;
        this.bbtValid = false;
    }

    /** Musical time from a timebase master; bar and beat count from 1, tick from 0. */
    public void setBbt(int bar, int beat, int tick, double ticksPerBeat, float beatsPerBar, float beatType,
            double beatsPerMinute) {
        this.bbtValid = bar >= 1 && beat >= 1 && ticksPerBeat > 0 && beatsPerBar > 0 && beatType > 0
                && beatsPerMinute > 0;
        this.bar = bar;
        this.beat = beat;
        this.tick = tick;
        this.ticksPerBeat = ticksPerBeat;
        this.beatsPerBar = beatsPerBar;
        this.beatType = beatType;
        this.beatsPerMinute = beatsPerMinute;
    }

    public boolean available() {
        return available;
    }

    public boolean rolling() {
        return rolling;
    }

    /** The transport's frame position (not the backend's free-running frame counter). */
    public long frame() {
        return frame;
    }

    public boolean bbtValid() {
        return bbtValid;
    }

    public int bar() {
        return bar;
    }

    public int beat() {
        return beat;
    }

    public int tick() {
        return tick;
    }

    public double ticksPerBeat() {
        return ticksPerBeat;
    }

    public float beatsPerBar() {
        return beatsPerBar;
    }

    public float beatType() {
        return beatType;
    }

    public double beatsPerMinute() {
        return beatsPerMinute;
    }
}
