package dev.continuo.bridge.backend;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A virtual {@link CycleClock} the test steps: the cycle thread runs exactly the cycles it is allowed, and each one
 * starts at its exact due time, so frames, offsets and timestamps can be asserted exactly. Allocates nothing on the
 * cycle thread (no locks: a permit counter and park/unpark).
 */
public final class SteppedClock implements CycleClock {

    private static final long TIMEOUT_NANOS = 20_000_000_000L;

    private final AtomicLong permits = new AtomicLong();
    private volatile long now;
    private volatile Thread sleeper;

    public SteppedClock(long startNanos) {
        now = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepUntil(long deadlineNanos) {
        sleeper = Thread.currentThread();
        if (permits.get() > 0) {
            permits.decrementAndGet();
            now = Math.max(now, deadlineNanos);
            return;
        }
        LockSupport.park(this);
    }

    /** Waits until the driver ran its first cycle (which is due at once); call after {@code open}. */
    public void awaitStart(CycleLoad load) {
        await(load, 1);
    }

    /** Lets the cycle thread run {@code cycles} more cycles and waits until they are complete. */
    public void step(int cycles, CycleLoad load) {
        long target = load.cycles() + cycles;
        permits.addAndGet(cycles);
        await(load, target);
    }

    /** Runs {@code cycles} cycles one at a time, each after {@code beforeEach} (input arriving, say). */
    public void stepEach(int cycles, CycleLoad load, Runnable beforeEach) {
        for (int cycle = 0; cycle < cycles; cycle++) {
            beforeEach.run();
            step(1, load);
        }
    }

    private void await(CycleLoad load, long cycles) {
        long giveUp = System.nanoTime() + TIMEOUT_NANOS;
        while (load.cycles() < cycles) {
            LockSupport.unpark(sleeper);
            Thread.onSpinWait();
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("the cycle thread did not reach cycle " + cycles + " (at " + load.cycles()
                        + "; failure: " + load.lastFailure() + ")");
            }
        }
    }
}
