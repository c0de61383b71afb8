package dev.continuo.bridge.backend.javasound;

import dev.continuo.bridge.cycle.SpscRing;
import java.util.concurrent.locks.LockSupport;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;

/**
 * Hands the cycle thread's output to a javax.sound.midi {@link Receiver} from a thread of its own. javax.sound.midi
 * takes a new message object per event (receivers may keep it, as a recording sequencer does), so the objects are
 * made here, off the cycle thread, which only packs each event into a preallocated ring. The thread looks at the
 * ring every {@value #POLL_MICROS} µs — about a third of a cycle, so events still leave in the cycle they are due —
 * because the cycle thread must not wake another thread (that takes a lock).
 */
final class ReceiverFeed implements AutoCloseable {

    private static final long POLL_MICROS = 500;

    private final Receiver receiver;
    private final SpscRing ring = new SpscRing(8192);
    private final long[] record = new long[2];
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long refused;

    ReceiverFeed(Receiver receiver, String threadName) {
        this.receiver = receiver;
        this.thread = new Thread(this::feed, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Cycle thread: queues one short message. Allocates nothing.
     *
     * @return false if the ring is full (the event is lost and counted by the caller)
     */
    boolean offer(int status, int data1, int data2, int length) {
        return ring.offer((status & 0xFF) | (data1 & 0xFF) << 8 | (data2 & 0xFF) << 16 | (long) length << 24, 0);
    }

    /** Messages the receiver refused (invalid data, or a closed device). */
    long refused() {
        return refused;
    }

    private void feed() {
        while (running) {
            if (ring.poll(record)) {
                send(record[0]);
            } else {
                LockSupport.parkNanos(POLL_MICROS * 1000);
            }
        }
    }

    private void send(long packed) {
        int status = (int) packed & 0xFF;
        try {
            ShortMessage message = (packed >>> 24) == 1 ? new ShortMessage(status)
                    : new ShortMessage(status & 0xF0, status & 0x0F, (int) (packed >>> 8) & 0xFF,
                            (int) (packed >>> 16) & 0xFF);
            receiver.send(message, -1);
        } catch (InvalidMidiDataException | IllegalStateException e) {
            refused = refused + 1;
        }
    }

    /** Stops the thread, then sends what is still queued (the last note-offs). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        while (ring.poll(record)) {
            send(record[0]);
        }
    }
}
