package dev.continuo.bridge.cycle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer/single-consumer queue of records of two {@code long}s, preallocated. {@link #offer} and
 * {@link #poll} never allocate, block or lock, so either side may be the real-time thread. Publication uses
 * release/acquire ordering on the indices.
 *
 * <p>Exactly one thread may offer and exactly one (other) thread may poll.
 */
public final class SpscRing {

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(SpscRing.class, "head", long.class);
            TAIL = lookup.findVarHandle(SpscRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] slots;
    private final int mask;
    private long head;
    private long tail;
    private volatile long dropped;

    /** @param capacity records held at most; rounded up to a power of two */
    public SpscRing(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.slots = new long[size * 2];
        this.mask = size - 1;
    }

    /** Producer side: appends a record, or counts it as dropped and returns false if the ring is full. */
    public boolean offer(long first, long second) {
        long t = tail;
        if (t - (long) HEAD.getAcquire(this) > mask) {
            dropped = dropped + 1;
            return false;
        }
        int slot = (int) (t & mask) * 2;
        slots[slot] = first;
        slots[slot + 1] = second;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Records the producer could not append because the ring was full; readable from any thread. */
    public long dropped() {
        return dropped;
    }

    /**
     * Consumer side: takes the oldest record into {@code into[0..1]}.
     *
     * @return false if the ring is empty
     */
    public boolean poll(long[] into) {
        long h = head;
        if (h == (long) TAIL.getAcquire(this)) {
            return false;
        }
        int slot = (int) (h & mask) * 2;
        into[0] = slots[slot];
        into[1] = slots[slot + 1];
        HEAD.setRelease(this, h + 1);
        return true;
    }
}
