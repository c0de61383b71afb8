package dev.continuo.bridge.backend.alsa;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.CycleClock;
import dev.continuo.bridge.backend.TimerCycleDriver;
import dev.continuo.natives.MovablePointer;
import dev.continuo.natives.alsa.AlsaSeqLibrary;
import dev.continuo.natives.posix.PosixLibrary;

/**
 * The ALSA backend's input thread. It sleeps in {@code poll} on the sequencer's own poll descriptors
 * ({@code snd_seq_poll_descriptors}), so it wakes when an event arrives and at no other time; a pipe in the same poll
 * set wakes it for {@link #close}; a sequencer descriptor that fails or hangs up ends the thread and reports the
 * sequencer lost. Each event is decoded to bytes by ALSA's codec, stamped and offered to the cycle
 * driver. Everything it touches is allocated in {@link #open}: reading an event allocates nothing.
 */
final class AlsaInput implements AutoCloseable {

    private static final int CODEC_BUFFER = 4096;
    /** 64-bit pointers, as {@code AlsaSeqLibrary} assumes. */
    private static final int POINTER_SIZE = 8;

    private final AlsaSeqLibrary alsa;
    private final PosixLibrary posix;
    private final Pointer handle;
    private final Pointer decoder;
    private final Memory pollFds;
    private final int descriptors;
    private final int[] pipe;
    private final Memory received = new Memory(POINTER_SIZE);
    private final MovablePointer event = new MovablePointer();
    private final Memory decoded = new Memory(CODEC_BUFFER);
    private final byte[] bytes = new byte[CODEC_BUFFER];
    private final Memory wakeByte = new Memory(1);
    private volatile boolean running;
    private TimerCycleDriver driver;
    private CycleClock clock;
    private Runnable lost;
    private Thread thread;

    private AlsaInput(AlsaSeqLibrary alsa, PosixLibrary posix, Pointer handle, Pointer decoder, Memory pollFds,
            int descriptors, int[] pipe) {
        this.alsa = alsa;
        this.posix = posix;
        this.handle = handle;
        this.decoder = decoder;
        this.pollFds = pollFds;
        this.descriptors = descriptors;
        this.pipe = pipe;
    }

    /**
     * Builds the poll set: the sequencer's input descriptors, then the read end of a new wake-up pipe.
     *
     * @throws BackendException if the sequencer has no input descriptor or the pipe cannot be made (nothing is left
     *                          open then)
     */
    static AlsaInput open(AlsaSeqLibrary alsa, PosixLibrary posix, Pointer handle, Pointer decoder)
            throws BackendException {
        int count = alsa.snd_seq_poll_descriptors_count(handle, PosixLibrary.POLLIN);
        if (count <= 0) {
            throw new BackendException("the ALSA sequencer gave no input descriptor to wait on",
                    "snd_seq_poll_descriptors_count", count);
        }
        Memory pollFds = new Memory((long) (count + 1) * PosixLibrary.POLLFD_SIZE);
        pollFds.clear();
        int filled = alsa.snd_seq_poll_descriptors(handle, pollFds, count, PosixLibrary.POLLIN);
        if (filled <= 0) {
            throw new BackendException("could not read the ALSA sequencer's poll descriptors",
                    "snd_seq_poll_descriptors", filled);
        }
        int[] pipe = new int[2];
        int made = posix.pipe(pipe);
        if (made != 0) {
            throw new BackendException("could not make the ALSA input's wake-up pipe", "pipe", made);
        }
        long wake = (long) filled * PosixLibrary.POLLFD_SIZE;
        pollFds.setInt(wake, pipe[0]);
        pollFds.setShort(wake + PosixLibrary.POLLFD_EVENTS, PosixLibrary.POLLIN);
        return new AlsaInput(alsa, posix, handle, decoder, pollFds, filled, pipe);
    }

    /**
     * Starts the input thread, which offers what it reads to {@code driver}, stamped on {@code clock}, and runs
     * {@code lost} (on the input thread) if the sequencer's descriptors fail.
     */
    void start(TimerCycleDriver driver, CycleClock clock, Runnable lost) {
        this.driver = driver;
        this.clock = clock;
        this.lost = lost;
        running = true;
        thread = new Thread(this::run, "continuo-alsa-input");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            // A negative result is EINTR (the descriptors are ours and valid until close): wait again.
            if (posix.poll(pollFds, descriptors + 1, -1) > 0 && running) {
                if (sequencerFailed()) {
                    running = false;
                    lost.run();
                    return;
                }
                drain();
            }
        }
    }

    private boolean sequencerFailed() {
        for (int index = 0; index < descriptors; index++) {
            long revents = (long) index * PosixLibrary.POLLFD_SIZE + PosixLibrary.POLLFD_REVENTS;
            if ((pollFds.getShort(revents) & PosixLibrary.POLL_FAILED) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Reads every event waiting in the sequencer (until {@code -EAGAIN}). Allocates nothing. */
    private void drain() {
        while (alsa.snd_seq_event_input(handle, received) >= 0) {
            long arrival = clock.nanoTime();
            event.moveTo(received.getLong(0));
            long length = alsa.snd_midi_event_decode(decoder, decoded, CODEC_BUFFER, event);
            if (length > 0) {
                decoded.read(0, bytes, 0, (int) length);
                driver.offer(arrival, bytes, (int) length);
            }
        }
    }

    /** Wakes the input thread through the pipe, waits for it, and closes the pipe. Idempotent. */
    @Override
    public void close() {
        if (pipe[0] < 0) {
            return;
        }
        running = false;
        if (thread != null) {
            posix.write(pipe[1], wakeByte, 1);
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        posix.close(pipe[0]);
        posix.close(pipe[1]);
        pipe[0] = -1;
        pipe[1] = -1;
    }
}
