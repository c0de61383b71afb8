package dev.continuo.tests;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the soak test sends into {@code continuo:melody_in}, from two JACK clients of the test JVM: a melody
 * (a scale in legato eighths at 120 bpm) and floods of controllers, SysEx and Program Changes. Counts every valid
 * message it sends, to hold against the daemon's own counts. The clients die with their server and are opened
 * again after a restart.
 */
final class SoakInput implements AutoCloseable {

    private static final int[] SCALE = {60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62};
    private static final long EIGHTH_MILLIS = 250;
    /** A flood's rate: 200 events per 1,024-frame cycle, about 9,400 per second. */
    private static final int FLOOD_EVENTS_PER_CYCLE = 200;
    private static final int[] MELODY_CONTROLLERS = {1, 7, 10, 11, 64, 74};
    private static final int[] CONTROL_CONTROLLERS = {20, 21, 22, 23, 24, 102, 103, 104, 105, 106, 107, 108, 109,
        110, 111, 112, 113, 114, 115, 116, 117};

    private final ScheduledExecutorService metronome = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong notes = new AtomicLong();
    private final AtomicLong sysEx = new AtomicLong();
    private final AtomicLong longSysExBytes = new AtomicLong();
    private final int controlChannel;
    private volatile JackByteSender melody;
    private volatile JackByteSender flood;
    // Touched only on the metronome thread.
    private boolean playing;
    private int sounding = -1;
    private int step;

    /** @param controlChannel the daemon's control channel, 0–15 */
    SoakInput(int controlChannel) {
        this.controlChannel = controlChannel;
        metronome.scheduleAtFixedRate(this::tick, EIGHTH_MILLIS, EIGHTH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Opens both clients on {@code jack}, connects them to {@code melodyIn} and starts the melody. */
    void open(JackServer jack, String melodyIn) throws Exception {
        melody = new JackByteSender("soak-melody");
        flood = new JackByteSender("soak-flood");
        flood.eventsPerCycle(FLOOD_EVENTS_PER_CYCLE);
        jack.connect("soak-melody:out", melodyIn);
        jack.connect("soak-flood:out", melodyIn);
        resume();
    }

    /** Starts the melody again after {@link #pause}. */
    void resume() throws Exception {
        metronome.submit(() -> playing = true).get();
    }

    /** Ends the melody's sounding note and stops the melody; what was queued still goes out. */
    void pause() throws Exception {
        metronome.submit(() -> {
            if (sounding >= 0) {
                note(0x80, sounding, 0);
                sounding = -1;
            }
            playing = false;
        }).get();
    }

    /** Waits until both clients have written everything queued into JACK. */
    void awaitSent(long timeoutMillis) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!(melody.idle() && flood.idle())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the soak's JACK clients could not send everything in " + timeoutMillis + " ms");
            }
            Thread.sleep(20);
        }
    }

    /** Closes both clients (before their server goes away, or at the end). */
    void closeClients() {
        if (melody != null) {
            melody.close();
            flood.close();
            melody = null;
            flood = null;
        }
    }

    /** {@code count} controllers: the generation and mix controllers on the control channel, others on channel 1. */
    void controllerFlood(Random random, int count) {
        for (int i = 0; i < count; i++) {
            boolean control = random.nextBoolean();
            int[] numbers = control ? CONTROL_CONTROLLERS : MELODY_CONTROLLERS;
            flood.send((byte) (0xB0 | (control ? controlChannel : 0)),
                    (byte) numbers[random.nextInt(numbers.length)], (byte) random.nextInt(128));
        }
        messages.addAndGet(count);
    }

    /**
     * {@code count} complete SysEx messages (non-commercial ID) of 3–{@code 4 * maxKeptBytes} bytes: the daemon
     * takes those of up to {@code maxKeptBytes} bytes and drops longer ones whole, as garbage.
     */
    void sysExFlood(Random random, int count, int maxKeptBytes) {
        for (int i = 0; i < count; i++) {
            byte[] message = new byte[3 + random.nextInt(4 * maxKeptBytes - 2)];
            message[0] = (byte) 0xF0;
            message[1] = 0x7D;
            for (int b = 2; b < message.length - 1; b++) {
                message[b] = (byte) random.nextInt(128);
            }
            message[message.length - 1] = (byte) 0xF7;
            flood.send(message);
            if (message.length <= maxKeptBytes) {
                sysEx.incrementAndGet();
            } else {
                longSysExBytes.addAndGet(message.length);
            }
        }
    }

    /** A Program Change on the control channel: picks the {@code index}-th preset. */
    void programChange(int index) {
        flood.send((byte) (0xC0 | controlChannel), (byte) index);
        messages.incrementAndGet();
    }

    /** Valid channel messages sent so far (notes, controllers, Program Changes). */
    long messages() {
        return messages.get();
    }

    long notes() {
        return notes.get();
    }

    /** SysEx messages sent short enough for the daemon to take. */
    long sysEx() {
        return sysEx.get();
    }

    /** Bytes of the SysEx messages sent too long for the daemon to take. */
    long longSysExBytes() {
        return longSysExBytes.get();
    }

    private void tick() {
        if (!playing) {
            return;
        }
        if (sounding >= 0) {
            note(0x80, sounding, 0);
        }
        sounding = SCALE[step++ % SCALE.length];
        note(0x90, sounding, 80);
    }

    /** On the metronome thread, while playing (the clients are open). */
    private void note(int status, int pitch, int velocity) {
        melody.send((byte) status, (byte) pitch, (byte) velocity);
        messages.incrementAndGet();
        notes.incrementAndGet();
    }

    @Override
    public void close() {
        metronome.shutdownNow();
        closeClients();
    }
}
