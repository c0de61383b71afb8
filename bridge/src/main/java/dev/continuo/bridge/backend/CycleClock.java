package dev.continuo.bridge.backend;

import java.util.concurrent.locks.LockSupport;

/**
 * The time base of a {@link TimerCycleDriver} and of the input stamps of the backends it drives: {@link #SYSTEM} in
 * production; a test may step a virtual one so that cycles run when it says, with exact times.
 */
public interface CycleClock {

    /** {@link System#nanoTime()} and {@link LockSupport#parkNanos}. */
    CycleClock SYSTEM = new CycleClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
            LockSupport.parkNanos(deadlineNanos - System.nanoTime());
        }
    };

    /** Now, in nanoseconds on an arbitrary origin. Called on any thread; must not allocate. */
    long nanoTime();

    /**
     * Called on the cycle thread: waits until about {@code deadlineNanos}, or less (the caller checks the time again).
     * Must return soon after {@link LockSupport#unpark} of the calling thread, and must not allocate.
     */
    void sleepUntil(long deadlineNanos);
}
