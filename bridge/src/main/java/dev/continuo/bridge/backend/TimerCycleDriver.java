package dev.continuo.bridge.backend;

import dev.continuo.bridge.cycle.MidiOutput;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.bridge.cycle.TransportSnapshot;
import dev.continuo.bridge.midi.PackedMidi;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link RealTimeHandler} for backends whose OS API is event-based (javax.sound.midi, CoreMIDI, ALSA and
 * Windows) rather than cycle-based like JACK. A dedicated thread runs a cycle of {@code framesPerCycle}
 * frames on a frame clock derived from a {@link CycleClock} at a nominal {@value #SAMPLE_RATE} Hz. An input
 * event is stamped when it arrives and delivered in the next cycle at the same offset (one cycle of latency, as with
 * JACK); output is handed to an {@link OutputSink} with the time it is due.
 *
 * <p>The cycle thread allocates nothing of its own, and the backends' sinks allocate nothing either (javax.sound.midi
 * excepted: it needs a message object per event); input crosses threads through an {@link SpscRing} (one device
 * thread may offer). {@link CycleClock#SYSTEM} paces the cycles in production; a virtual clock lets tests step them.
 */
public final class TimerCycleDriver implements AutoCloseable {

    /** Frames per second of the synthetic clock. */
    public static final int SAMPLE_RATE = 48_000;
    /** Cycles the thread may fall behind before it skips ahead instead of catching up. */
    private static final int MAX_LATE_CYCLES = 8;

    /** Where output goes. Called on the cycle thread. */
    public interface OutputSink {
        /**
         * One short message due at {@code dueNanos} (the driver's {@link CycleClock} time base).
         *
         * @return false if it could not be sent
         */
        boolean send(int port, long dueNanos, int status, int data1, int data2, int length);

        /** The cycle's output is complete (e.g. hand the collected packets to the OS). */
        default void endOfCycle() {
        }
    }

    private final RealTimeHandler handler;
    private final CycleClock clock;
    private final int framesPerCycle;
    private final OutputSink sink;
    private final SpscRing input = new SpscRing(16_384);
    private final TransportSnapshot transport = new TransportSnapshot();
    private final long[] record = new long[2];
    private final byte[] bytes = new byte[PackedMidi.MAX_BYTES];
    private final AtomicBoolean running = new AtomicBoolean();
    private final CycleLoad load = new CycleLoad();
    private final Output output = new Output();
    private Thread thread;
    private long originNanos;
    private long cycleStartNanos;
    private long pendingRecord = -1;
    private long pendingNanos;

    /** @param clock {@link CycleClock#SYSTEM}, or a virtual clock that steps the cycles */
    public TimerCycleDriver(RealTimeHandler handler, int framesPerCycle, OutputSink sink, CycleClock clock) {
        this.handler = handler;
        this.clock = clock;
        this.framesPerCycle = framesPerCycle;
        this.sink = sink;
        transport.clear();
    }

    /**
     * Input side: hands over raw bytes that arrived at {@code arrivalNanos} (on the driver's clock). One thread only;
     * never blocks or allocates.
     *
     * @return false if the input ring was full (the bytes are lost and counted)
     */
    public boolean offer(long arrivalNanos, byte[] data, int length) {
        for (int start = 0; start < length; start += PackedMidi.MAX_BYTES) {
            long packed = PackedMidi.pack(data, start, Math.min(PackedMidi.MAX_BYTES, length - start));
            if (!input.offer(packed, arrivalNanos)) {
                return false;
            }
        }
        return true;
    }

    public int framesPerCycle() {
        return framesPerCycle;
    }

    public CycleLoad load() {
        return load;
    }

    /** Starts the cycle thread. */
    public void start(String name) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    private long frameToNanos(long frame) {
        return originNanos + frame * 1_000_000_000L / SAMPLE_RATE;
    }

    private long nanosToFrame(long nanos) {
        return (nanos - originNanos) * SAMPLE_RATE / 1_000_000_000L;
    }

    private void loop() {
        originNanos = clock.nanoTime();
        long cycle = 0;
        while (running.get()) {
            long due = frameToNanos(cycle * framesPerCycle);
            if (due - clock.nanoTime() > 0) {
                clock.sleepUntil(due);
                continue;
            }
            long lateCycles = nanosToFrame(clock.nanoTime()) / framesPerCycle - cycle;
            if (lateCycles > MAX_LATE_CYCLES) {
                cycle += lateCycles;
            }
            runCycle(cycle);
            cycle++;
        }
    }

    private void runCycle(long cycle) {
        long started = System.nanoTime();
        long firstFrame = cycle * framesPerCycle;
        cycleStartNanos = frameToNanos(firstFrame);
        try {
            handler.beginCycle(firstFrame, framesPerCycle, SAMPLE_RATE, transport);
            deliverInput(firstFrame);
            handler.render(output);
            sink.endOfCycle();
        } catch (RuntimeException | Error e) {
            load.failed(e);
        }
        load.cycle(System.nanoTime() - started, framesPerCycle, SAMPLE_RATE);
    }

    /** Input that arrived before this cycle's start, at its arrival offset one cycle later. */
    private void deliverInput(long firstFrame) {
        while (true) {
            if (pendingRecord < 0) {
                if (!input.poll(record)) {
                    return;
                }
                pendingRecord = record[0];
                pendingNanos = record[1];
            }
            long arrivalFrame = nanosToFrame(pendingNanos) + framesPerCycle;
            if (arrivalFrame >= firstFrame + framesPerCycle) {
                return;
            }
            int offset = (int) Math.max(0, arrivalFrame - firstFrame);
            handler.input(offset, bytes, PackedMidi.unpack(pendingRecord, bytes));
            pendingRecord = -1;
        }
    }

    /** Stops the cycle thread and waits for it. */
    @Override
    public void close() {
        if (running.compareAndSet(true, false) && thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Output implements MidiOutput {
        @Override
        public boolean write(int port, int frameOffset, int status, int data1, int data2, int length) {
            return sink.send(port, cycleStartNanos + frameOffset * 1_000_000_000L / SAMPLE_RATE, status, data1,
                    data2, length);
        }
    }
}
