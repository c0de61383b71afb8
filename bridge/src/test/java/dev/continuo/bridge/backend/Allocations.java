package dev.continuo.bridge.backend;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** Bytes a thread has allocated on the Java heap so far (HotSpot's per-thread counter, exact to the byte). */
public final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final int WINDOWS = 3;

    private Allocations() {
    }

    public static long ofThread(long threadId) {
        return THREADS.getThreadAllocatedBytes(threadId);
    }

    public static long ofCurrentThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Runs a measurement window (returning bytes allocated per measured thread) up to {@code windows} times and
     * returns the first that allocated nothing, or else the one that allocated least. A steady allocation shows in
     * every window; what JIT compilation of the test's own code does once (deoptimizing a method compiled earlier,
     * say) does not repeat.
     */
    public static long[] leastOf(int windows, Supplier<long[]> window) {
        long[] least = null;
        for (int attempt = 0; attempt < windows; attempt++) {
            long[] bytes = window.get();
            long total = java.util.Arrays.stream(bytes).sum();
            if (least == null || total < java.util.Arrays.stream(least).sum()) {
                least = bytes;
            }
            if (total == 0) {
                break;
            }
        }
        return least;
    }

    /**
     * Runs {@code cycles} for a warm-up of {@code warmUp} cycles, then measures {@code measured} cycles (the least of
     * three windows, see {@link #leastOf}).
     *
     * @return bytes allocated in the window by each of {@code threads}, then by the calling thread
     */
    public static long[] steadyState(IntConsumer cycles, int warmUp, int measured, long... threads) {
        cycles.accept(warmUp);
        long calibration = ofCurrentThread();
        long overhead = ofCurrentThread() - calibration;
        return leastOf(WINDOWS, () -> {
            long[] bytes = new long[threads.length + 1];
            for (int index = 0; index < threads.length; index++) {
                bytes[index] = -ofThread(threads[index]);
            }
            long before = ofCurrentThread();
            cycles.accept(measured);
            bytes[threads.length] = ofCurrentThread() - before - overhead;
            for (int index = 0; index < threads.length; index++) {
                bytes[index] += ofThread(threads[index]);
            }
            return bytes;
        });
    }

    /** The id of the live thread called {@code name}. */
    public static long threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no thread " + name)).getId();
    }
}
