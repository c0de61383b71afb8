package dev.continuo.bridge.backend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How much of each real-time cycle the engine takes: written on the real-time thread, read by others. Also
 * keeps the last exception the callback caught, so that a housekeeping thread can report it, and counts the
 * backend's xruns (cycles the host's audio device missed) where it has the notion.
 */
public final class CycleLoad {

    private volatile double averageShare;
    private volatile double worstShare;
    private volatile long cycles;
    private volatile long failures;
    private volatile Throwable lastFailure;
    private volatile long threadId = -1;
    private final AtomicLong xruns = new AtomicLong();

    /** Called on the real-time thread after each cycle. */
    public void cycle(long elapsedNanos, int frames, int sampleRate) {
        if (threadId < 0) {
            threadId = Thread.currentThread().getId();
        }
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

    /**
     * Called on the backend's notification thread when the host reports an xrun. Lock-free; allocates nothing.
     */
    public void xrun() {
        xruns.incrementAndGet();
    }

    /** Xruns the host reported since the backend opened; always 0 for backends without the notion. */
    public long xruns() {
        return xruns.get();
    }

    /** Exponential average (over about 100 cycles) of the share of the cycle period used, 0–1. */
    public double averageShare() {
        return averageShare;
    }

    /** Largest share of a cycle period used since the client started. */
    public double worstShare() {
        return worstShare;
    }

    /** The real-time thread's Java id (for allocation figures), or -1 before the first cycle. */
    public long threadId() {
        return threadId;
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
