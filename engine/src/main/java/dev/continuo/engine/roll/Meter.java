package dev.continuo.engine.roll;

/**
 * A time signature such as 4/4, 3/4 or 6/8.
 *
 * <p>Bar and pulse lengths are given in steps for a grid of {@code stepsPerBeat} steps per quarter note. The pulse
 * is the beat a musician counts: the denominator's note value, or a dotted one in compound meters (6/8, 9/8, 12/8,
 * where the pulse is three eighths).
 *
 * @param numerator   notes per bar, 1–255
 * @param denominator note value of one count: 1, 2, 4, 8, 16, 32 or 64
 */
public record Meter(int numerator, int denominator) {

    public static final Meter FOUR_FOUR = new Meter(4, 4);

    public Meter {
        if (numerator < 1 || numerator > 255) {
            throw new IllegalArgumentException("time signature numerator out of range 1..255: " + numerator);
        }
        if (denominator < 1 || denominator > 64 || Integer.bitCount(denominator) != 1) {
            throw new IllegalArgumentException("time signature denominator must be a power of two up to 64: "
                    + denominator);
        }
    }

    /** True for 6/8, 9/8, 12/8 and the like, counted in dotted pulses. */
    public boolean isCompound() {
        return denominator >= 8 && numerator > 3 && numerator % 3 == 0;
    }

    /** Steps in one bar, at least 1 (rounded where the grid is too coarse for the meter). */
    public int stepsPerBar(int stepsPerBeat) {
        return Math.max(1, Math.round(numerator * 4f * stepsPerBeat / denominator));
    }

    /** Steps in one counted pulse, at least 1. */
    public int stepsPerPulse(int stepsPerBeat) {
        int countsPerPulse = isCompound() ? 3 : 1;
        return Math.max(1, Math.round(countsPerPulse * 4f * stepsPerBeat / denominator));
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
