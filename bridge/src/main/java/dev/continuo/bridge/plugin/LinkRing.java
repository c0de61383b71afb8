package dev.continuo.bridge.plugin;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One single-producer/single-consumer ring of {@link LinkRecord}s in the mapped link file, shared with another
 * process. The indices count records ever written and read (uint64, never wrapped); each side publishes its own
 * with release ordering and reads the other's with acquire ordering, so a record's bytes are visible before the
 * index that covers them. Neither side blocks: a full ring refuses (and counts) a record, an empty one yields none.
 *
 * <p>One engine thread uses a ring, as producer or as consumer (the plug-in is the other side). The other side's
 * index is not trusted: one that claims more records than the ring holds is counted as corrupt and read as empty.
 */
public final class LinkRing {

    private static final VarHandle INDEX = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final ByteBuffer buffer;
    private final int offset;
    private final int records;
    private final int mask;
    private int staged;
    private volatile long dropped;
    private volatile long corrupt;

    /**
     * @param buffer  the mapped file, little-endian
     * @param offset  where the ring starts in it
     * @param records records it holds (a power of two)
     */
    public LinkRing(ByteBuffer buffer, int offset, int records) {
        if (Integer.bitCount(records) != 1) {
            throw new IllegalArgumentException("a ring holds a power of two records, not " + records);
        }
        this.buffer = buffer;
        this.offset = offset;
        this.records = records;
        this.mask = records - 1;
    }

    public int capacity() {
        return records;
    }

    private long head() {
        return (long) INDEX.getAcquire(buffer, offset + LinkLayout.RING_HEAD);
    }

    private long tail() {
        return (long) INDEX.getAcquire(buffer, offset + LinkLayout.RING_TAIL);
    }

    private int slot(long index) {
        return offset + LinkLayout.RING_RECORDS + (int) (index & mask) * LinkLayout.RECORD_BYTES;
    }

    /** Producer side: records that can still be staged now (0 if the consumer's index is corrupt). */
    public int free() {
        long used = tail() + staged - head();
        if (used < 0 || used > records) {
            corrupt = corrupt + 1;
            return 0;
        }
        return (int) (records - used);
    }

    /**
     * Producer side: writes {@code record} after those already staged, unseen by the consumer until
     * {@link #publish}.
     *
     * @return false (nothing written) if the ring has no room
     */
    public boolean stage(LinkRecord record) {
        if (free() == 0) {
            return false;
        }
        record.write(buffer, slot(tail() + staged));
        staged++;
        return true;
    }

    /** Producer side: makes every staged record visible to the consumer at once. */
    public void publish() {
        if (staged > 0) {
            INDEX.setRelease(buffer, offset + LinkLayout.RING_TAIL, tail() + staged);
            staged = 0;
        }
    }

    /** Producer side: stages and publishes one record, or counts it as dropped and returns false if full. */
    public boolean offer(LinkRecord record) {
        if (!stage(record)) {
            dropped = dropped + 1;
            return false;
        }
        publish();
        return true;
    }

    /**
     * Consumer side: takes the oldest record into {@code into}.
     *
     * @return false if the ring is empty (or the producer's index is corrupt)
     */
    public boolean poll(LinkRecord into) {
        long h = head();
        long available = tail() - h;
        if (available == 0) {
            return false;
        }
        if (available < 0 || available > records) {
            corrupt = corrupt + 1;
            return false;
        }
        into.read(buffer, slot(h));
        INDEX.setRelease(buffer, offset + LinkLayout.RING_HEAD, h + 1);
        return true;
    }

    /** Records {@link #offer} refused because the ring was full. Any thread. */
    public long dropped() {
        return dropped;
    }

    /** Times the other side's index was impossible. Any thread. */
    public long corrupt() {
        return corrupt;
    }
}
