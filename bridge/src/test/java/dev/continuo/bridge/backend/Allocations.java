package dev.continuo.bridge.backend;

import java.lang.management.ManagementFactory;

/** Bytes a thread has allocated on the Java heap so far (HotSpot's per-thread counter, exact to the byte). */
public final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    public static long ofThread(long threadId) {
        return THREADS.getThreadAllocatedBytes(threadId);
    }

    public static long ofCurrentThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** The id of the live thread called {@code name}. */
    public static long threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no thread " + name)).getId();
    }
}
