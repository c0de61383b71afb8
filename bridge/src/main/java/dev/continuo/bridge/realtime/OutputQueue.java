package dev.continuo.bridge.realtime;

import dev.continuo.bridge.cycle.MidiOutput;

/**
 * Collects one cycle's outgoing short messages from several sources and writes them in time order, note-offs,
 * controllers and program changes before note-ons at the same frame (so a note repeated at the same frame is cut and
 * restarted, not swallowed, and a part's new program applies to its first note). Each event is packed into one
 * {@code long}; sorting is an in-place heapsort, so nothing allocates. Real-time thread only.
 */
public final class OutputQueue {

    private final long[] events;
    private int size;
    private int sequence;
    private long lost;

    /** @param capacity events held per cycle; more are counted as lost */
    public OutputQueue(int capacity) {
        this.events = new long[capacity];
    }

    /**
     * Queues a message for this cycle.
     *
     * @param frameOffset 0 – 65,535
     * @param port        0–3
     */
    public void add(int frameOffset, int port, int status, int data1, int data2) {
        if (size == events.length) {
            lost++;
            return;
        }
        int command = status & 0xF0;
        boolean ending = command == 0x80 || command == 0xB0 || command == 0xC0 || (command == 0x90 && data2 == 0);
        long key = ((long) (frameOffset & 0xFFFF) << 47) | ((ending ? 0L : 1L) << 46)
                | ((long) (sequence++ & 0x3FFF) << 32) | ((long) (port & 0xFF) << 24)
                | ((status & 0xFF) << 16) | ((data1 & 0x7F) << 8) | (data2 & 0x7F);
        events[size++] = key;
    }

    /** Events queued in this cycle so far: a mark for {@link #cutFrom}. */
    public int queued() {
        return size;
    }

    /**
     * The music stopped or jumped at {@code frameOffset}: of the first {@code count} events of this cycle (played
     * ahead, as if time ran on), the note-ons at or after it are dropped and every other message after it moves to
     * it, so nothing starts past the stop and every ending comes at it. Later events keep their frames.
     */
    public void cutFrom(int count, int frameOffset) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            long event = events[i];
            if (i < count && (int) (event >>> 47) >= frameOffset) {
                if ((event & (1L << 46)) != 0) {
                    continue; // a note-on
                }
                event = event & ~(0xFFFFL << 47) | ((long) (frameOffset & 0xFFFF) << 47);
            }
            events[kept++] = event;
        }
        size = kept;
    }

    /** Events that did not fit in a cycle or that the backend refused, since start. */
    public long lost() {
        return lost;
    }

    /** Writes the queued events in order and empties the queue. */
    public void flush(MidiOutput output) {
        sort();
        for (int i = 0; i < size; i++) {
            long event = events[i];
            int status = (int) (event >>> 16) & 0xFF;
            if (!output.write((int) (event >>> 24) & 0xFF, (int) (event >>> 47) & 0xFFFF, status,
                    (int) (event >>> 8) & 0x7F, (int) event & 0x7F, length(status))) {
                lost++;
            }
        }
        size = 0;
        sequence = 0;
    }

    private static int length(int status) {
        int command = status & 0xF0;
        return command == 0xC0 || command == 0xD0 ? 2 : 3;
    }

    private void sort() {
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i, size);
        }
        for (int end = size - 1; end > 0; end--) {
            long top = events[0];
            events[0] = events[end];
            events[end] = top;
            siftDown(0, end);
        }
    }

    private void siftDown(int root, int end) {
        while (2 * root + 1 < end) {
            int child = 2 * root + 1;
            if (child + 1 < end && events[child + 1] > events[child]) {
                child++;
            }
            if (events[root] >= events[child]) {
                return;
            }
            long swap = events[root];
            events[root] = events[child];
            events[child] = swap;
            root = child;
        }
    }
}
