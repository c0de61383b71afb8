package dev.continuo.engine.roll;

/**
 * A time signature that holds from {@code step} on; a new bar starts there.
 *
 * @param step  grid step where the meter starts
 * @param meter the time signature
 */
public record MeterChange(int step, Meter meter) {

    public MeterChange {
        if (step < 0) {
            throw new IllegalArgumentException("negative step: " + step);
        }
    }
}
