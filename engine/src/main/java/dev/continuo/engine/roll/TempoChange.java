package dev.continuo.engine.roll;

/**
 * A tempo that holds from {@code step} on.
 *
 * @param step                  grid step where the tempo starts
 * @param microsPerQuarter      MIDI tempo: microseconds per quarter note, 1–16,777,215
 */
public record TempoChange(int step, int microsPerQuarter) {

    /** 120 beats per minute, the MIDI default. */
    public static final int DEFAULT_MICROS_PER_QUARTER = 500_000;

    public TempoChange {
        if (step < 0) {
            throw new IllegalArgumentException("negative step: " + step);
        }
        if (microsPerQuarter < 1 || microsPerQuarter > 0xFFFFFF) {
            throw new IllegalArgumentException("tempo out of MIDI range: " + microsPerQuarter + " µs per quarter");
        }
    }

    /** Quarter notes per minute. */
    public double bpm() {
        return 60_000_000.0 / microsPerQuarter;
    }
}
