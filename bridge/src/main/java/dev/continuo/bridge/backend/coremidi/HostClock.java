package dev.continuo.bridge.backend.coremidi;

/**
 * Converts between {@link System#nanoTime()} and CoreMIDI's host time ({@code mach_absolute_time} ticks). A tick is
 * {@code numer/denom} nanoseconds: 1/1 on Intel Macs, 125/3 on Apple Silicon — never assume nanoseconds. The offset
 * between the two clocks is measured once, when both are read together. Arithmetic is exact for host times up to
 * 2<sup>63</sup> / 125 ns (about two years of uptime).
 *
 * @param numer       {@code mach_timebase_info} numerator
 * @param denom       {@code mach_timebase_info} denominator
 * @param offsetNanos host time in nanoseconds minus {@code System.nanoTime()} at the same instant
 */
public record HostClock(long numer, long denom, long offsetNanos) {

    public HostClock {
        if (numer <= 0 || denom <= 0) {
            throw new IllegalArgumentException("timebase " + numer + "/" + denom);
        }
    }

    /** The clock relating host ticks read at {@code hostTicks} to {@code nanoTime} read at the same moment. */
    public static HostClock measured(long numer, long denom, long hostTicks, long nanoTime) {
        return new HostClock(numer, denom, ticksToNanos(hostTicks, numer, denom) - nanoTime);
    }

    /** Host ticks at the instant {@code nanoTime} (a {@link System#nanoTime()} value). */
    public long hostTicks(long nanoTime) {
        return (nanoTime + offsetNanos) * denom / numer;
    }

    /** The {@link System#nanoTime()} value at host time {@code ticks}. */
    public long nanoTime(long ticks) {
        return ticksToNanos(ticks, numer, denom) - offsetNanos;
    }

    private static long ticksToNanos(long ticks, long numer, long denom) {
        return ticks * numer / denom;
    }
}
