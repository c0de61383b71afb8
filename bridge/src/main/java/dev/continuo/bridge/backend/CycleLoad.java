package dev.continuo.bridge.backend;

/**
 * How much of each real-time cycle the engine takes: written on the real-time thread, read by others. Also
 * keeps the last exception the callback caught, so that a housekeeping thread can report it.
 */
public final class CycleLoad {

    private volatile double averageShare;
    private volatile double worstShare;
    private volatile long cycles;
    private volatile long failures;
    private volatile Throwable lastFailure;

    /** Called on the real-time thread after each cycle. */
    public void cycle(long elapsedNanos, int frames, int sampleRate) {
        double share = elapsedNanos * (double) sampleRate / (frames * 1e9);
        averageShare = cycles == 0 ? share : averageShare + (share - averageShare) * 0.01;
        if (share > worstShare) {
            worstShare = share;
        }
        cycles = cycles + 1;
    }

    /** Called on the real-time thread when the handler threw. */
    public void failed(Throwable failure) {
        lastFailure = failure;
        failures = failures + 1;
    }

    /** Exponential average (over about 100 cycles) of the share of the cycle period used, 0–1. */
    public double averageShare() {
        return averageShare;
    }

    /** Largest share of a cycle period used since the client started. */
    public double worstShare() {
        return worstShare;
    }

    public long cycles() {
        return cycles;
    }

    public long failures() {
        return failures;
    }

    public Throwable lastFailure() {
        return lastFailure;
    }
}
