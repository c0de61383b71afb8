package dev.continuo.bridge.backend.alsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.continuo.bridge.backend.Allocations;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.FailingSteps;
import dev.continuo.bridge.backend.SteadyHandler;
import dev.continuo.bridge.backend.SteppedClock;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.natives.alsa.AlsaSeqEvent;
import dev.continuo.natives.alsa.AlsaSeqLibrary;
import dev.continuo.natives.posix.PosixLibrary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The ALSA backend on a stepped virtual clock. ALSA's MIDI codec and libc's {@code poll} are real (they run
 * anywhere); the sequencer device is {@link AlsaSequencerStandIn} where there is no /dev/snd/seq (this machine, most
 * CI machines), and real in {@link #allocatesNothingOnTheRealSequencer} where it exists.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "libasound exists on Linux only")
class AlsaSeqBackendTest {

    private static final AlsaSeqLibrary REAL = AlsaSequencerStandIn.REAL;
    private static final long START_NANOS = 5_000_000_000L;
    private static final int WARM_UP_CYCLES = 5_000;
    private static final int MEASURED_CYCLES = 5_000;

    /** A note-on as the kernel would deliver it, encoded by ALSA's own codec. */
    private static Memory noteOn(int pitch, int velocity) {
        Memory event = new Memory(AlsaSeqEvent.SIZE);
        event.clear();
        Memory bytes = new Memory(3);
        bytes.write(0, new byte[] {(byte) 0x90, (byte) pitch, (byte) velocity}, 0, 3);
        PointerByReference codec = new PointerByReference();
        REAL.snd_midi_event_new(64, codec);
        REAL.snd_midi_event_encode(codec.getValue(), bytes, 3, event);
        REAL.snd_midi_event_free(codec.getValue());
        return event;
    }

    private static void awaitConsumed(AlsaSequencerStandIn sequencer, int events) {
        long giveUp = System.nanoTime() + 20_000_000_000L;
        while (sequencer.consumed() < events) {
            Thread.onSpinWait();
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("the input thread did not read event " + events);
            }
        }
    }

    private static int nanosAhead(byte[] event) {
        return ByteBuffer.wrap(event, AlsaSeqEvent.TIME_NANOS, 4).order(ByteOrder.nativeOrder()).getInt();
    }

    @Test
    void schedulesEachEventOnItsQueueAheadOfItsFrameAndDeliversInputOneCycleLater() throws Exception {
        AlsaSequencerStandIn sequencer = new AlsaSequencerStandIn();
        SteppedClock clock = new SteppedClock(START_NANOS);
        SteadyHandler handler = new SteadyHandler(4);
        AlsaSeqBackend backend = new AlsaSeqBackend(sequencer, AlsaSequencerStandIn.POSIX, clock);
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        try {
            assertEquals(List.of("128:0 melody_in", "128:1 part1", "128:2 part2", "128:3 part3", "128:4 part4"),
                    backend.portNames());
            assertEquals(1, sequencer.queueStarts);
            clock.awaitStart(backend.load());
            Memory incoming = noteOn(64, 99);
            sequencer.queueInput(incoming);
            awaitConsumed(sequencer, 1);
            clock.step(2, backend.load());
        } finally {
            backend.close();
            sequencer.dispose();
        }
        assertEquals(1, handler.inputs());
        assertEquals(0x904063, handler.inputMessage(0));
        assertEquals(64, handler.inputFrame(0),
                "arrived at frame 0, delivered one 64-frame cycle later at the same offset");
        assertEquals(List.of(0L, 64L, 128L), List.of(handler.cycleFrame(0), handler.cycleFrame(1),
                handler.cycleFrame(2)));
        assertEquals(3 * 8, sequencer.sentCount(), "a note-on and a note-off per port per cycle");
        List<String> firstCycle = new ArrayList<>();
        for (int index = 0; index < 8; index++) {
            byte[] event = sequencer.sent(index);
            assertEquals(AlsaSeqLibrary.SND_SEQ_TIME_STAMP_REAL | AlsaSeqLibrary.SND_SEQ_TIME_MODE_REL,
                    event[AlsaSeqEvent.FLAGS] & 3);
            assertEquals(3, event[AlsaSeqEvent.QUEUE]);
            assertEquals(AlsaSeqLibrary.SND_SEQ_ADDRESS_SUBSCRIBERS, event[AlsaSeqEvent.DEST_CLIENT] & 0xFF);
            assertEquals(AlsaSeqLibrary.SND_SEQ_ADDRESS_UNKNOWN, event[AlsaSeqEvent.DEST_PORT] & 0xFF);
            assertEquals(0, event[AlsaSeqEvent.TIME_SECONDS]);
            firstCycle.add(event[AlsaSeqEvent.TYPE] + "@" + event[AlsaSeqEvent.SOURCE_PORT] + "+"
                    + nanosAhead(event) + " " + decode(event));
        }
        // 2 ms look-ahead plus the offset: 5 frames = 104,166 ns, 40 frames = 833,333 ns at 48 kHz.
        assertEquals(List.of("6@1+2104166 90 3c 64", "7@1+2833333 80 3c 00", "6@2+2104166 91 3d 64",
                "7@2+2833333 81 3d 00", "6@3+2104166 92 3e 64", "7@3+2833333 82 3e 00", "6@4+2104166 93 3f 64",
                "7@4+2833333 83 3f 00"), firstCycle, "NOTEON (6) and NOTEOFF (7) per part, in order");
        assertEquals(0, backend.load().failures(), String.valueOf(backend.load().lastFailure()));
    }

    private static String decode(byte[] event) {
        Memory decoded = new Memory(AlsaSeqEvent.SIZE);
        decoded.write(0, event, 0, AlsaSeqEvent.SIZE);
        PointerByReference codec = new PointerByReference();
        REAL.snd_midi_event_new(64, codec);
        Memory bytes = new Memory(8);
        long length = REAL.snd_midi_event_decode(codec.getValue(), bytes, 8, decoded);
        REAL.snd_midi_event_free(codec.getValue());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(i == 0 ? "" : " ").append(String.format("%02x", bytes.getByte(i)));
        }
        return text.toString();
    }

    /**
     * The cycle thread (8 events out per cycle) and the input thread (one event in per cycle, woken through its poll
     * descriptor) allocate nothing in a steady state, measured after a warm-up. The stand-in allocates nothing
     * either; the codec and {@code poll} are the real native calls through direct mapping.
     */
    @Test
    void allocatesNothingOnTheCycleAndInputThreads() throws Exception {
        AlsaSequencerStandIn sequencer = new AlsaSequencerStandIn();
        SteppedClock clock = new SteppedClock(START_NANOS);
        SteadyHandler handler = new SteadyHandler(4);
        AlsaSeqBackend backend = new AlsaSeqBackend(sequencer, AlsaSequencerStandIn.POSIX, clock);
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        Memory incoming = noteOn(64, 99);
        long cycleBytes;
        long inputBytes;
        try {
            clock.awaitStart(backend.load());
            long cycleThread = backend.load().threadId();
            long inputThread = Allocations.threadNamed("continuo-alsa-input");
            // Each cycle runs after the input thread has read one event.
            Runnable input = () -> {
                int events = sequencer.consumed();
                sequencer.queueInput(incoming);
                awaitConsumed(sequencer, events + 1);
            };
            long[] bytes = Allocations.steadyState(cycles -> clock.stepEach(cycles, backend.load(), input),
                    WARM_UP_CYCLES, MEASURED_CYCLES, cycleThread, inputThread);
            cycleBytes = bytes[0];
            inputBytes = bytes[1];
        } finally {
            backend.close();
            sequencer.dispose();
        }
        assertEquals(sequencer.consumed(), handler.inputs(), "every input event reached the handler");
        assertEquals(0, backend.load().failures(), String.valueOf(backend.load().lastFailure()));
        System.out.printf("alsa: %d bytes on the cycle thread, %d on the input thread, in %d cycles%n", cycleBytes,
                inputBytes, MEASURED_CYCLES);
        assertEquals(0, cycleBytes, "bytes allocated on the cycle thread in " + MEASURED_CYCLES + " cycles");
        assertEquals(0, inputBytes, "bytes allocated on the input thread for " + MEASURED_CYCLES + " events");
    }

    @Test
    void reportsTheSequencerLostWhenItsDescriptorHangsUp() throws Exception {
        AlsaSequencerStandIn sequencer = new AlsaSequencerStandIn();
        SteppedClock clock = new SteppedClock(START_NANOS);
        java.util.concurrent.CompletableFuture<String> lost = new java.util.concurrent.CompletableFuture<>();
        AlsaSeqBackend backend = new AlsaSeqBackend(sequencer, AlsaSequencerStandIn.POSIX, clock);
        backend.open("continuo", PortLayout.SINGLE, new SteadyHandler(1), lost::complete);
        try {
            sequencer.hangUp();
            assertEquals("the ALSA sequencer closed Continuo's client",
                    lost.get(20, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            backend.close();
            sequencer.dispose();
        }
    }

    /** The input thread sleeps in {@code poll} until an event arrives: no timer, no busy loop. */
    @Test
    void theInputThreadWaitsOnTheSequencersDescriptorUntilAnEventArrives() throws Exception {
        AlsaSequencerStandIn sequencer = new AlsaSequencerStandIn();
        CountingPosix posix = new CountingPosix();
        SteppedClock clock = new SteppedClock(START_NANOS);
        SteadyHandler handler = new SteadyHandler(1);
        AlsaSeqBackend backend = new AlsaSeqBackend(sequencer, posix, clock);
        backend.open("continuo", PortLayout.SINGLE, handler, reason -> { });
        try {
            clock.awaitStart(backend.load());
            clock.step(1_000, backend.load());
            assertTrue(posix.polls <= 1, "polls while nothing arrived: " + posix.polls);
            sequencer.queueInput(noteOn(67, 80));
            awaitConsumed(sequencer, 1);
            clock.step(1_000, backend.load());
            assertTrue(posix.polls <= 2, "polls after one event: " + posix.polls);
            assertEquals(-1, posix.timeoutMillis, "no timeout");
            assertEquals(1, handler.inputs());
        } finally {
            backend.close();
            sequencer.dispose();
        }
        assertEquals(posix.made, posix.closed, "the wake-up pipe closed");
    }

    /** A libc whose {@code pipe} can fail, counting the descriptors made and closed. */
    private static final class CountingPosix implements PosixLibrary {
        boolean failPipe;
        int made;
        int closed;
        volatile int polls;
        volatile int timeoutMillis;

        @Override
        public int poll(Pointer fds, long nfds, int timeout) {
            polls = polls + 1;
            timeoutMillis = timeout;
            return AlsaSequencerStandIn.POSIX.poll(fds, nfds, timeout);
        }

        @Override
        public int pipe(int[] fds) {
            if (failPipe) {
                return -1;
            }
            made += 2;
            return AlsaSequencerStandIn.POSIX.pipe(fds);
        }

        @Override
        public long read(int fd, Pointer buffer, long count) {
            return AlsaSequencerStandIn.POSIX.read(fd, buffer, count);
        }

        @Override
        public long write(int fd, Pointer buffer, long count) {
            return AlsaSequencerStandIn.POSIX.write(fd, buffer, count);
        }

        @Override
        public int close(int fd) {
            closed++;
            return AlsaSequencerStandIn.POSIX.close(fd);
        }
    }

    /** Each fallible call of open fails in turn; whatever was made before it is released. */
    @Test
    void aFailedOpenReleasesEverythingItMadeAtEveryStep() throws Exception {
        int failures = FailingSteps.untilOpenSucceeds(step -> {
            AlsaSequencerStandIn sequencer = new AlsaSequencerStandIn();
            sequencer.failingStep = step;
            CountingPosix posix = new CountingPosix();
            AlsaSeqBackend backend = new AlsaSeqBackend(sequencer, posix, new SteppedClock(0));
            try {
                backend.open("continuo", PortLayout.SPLIT, new SteadyHandler(4), reason -> { });
                backend.close();
                return true;
            } catch (BackendException e) {
                return false;
            } finally {
                sequencer.dispose();
                assertEquals(sequencer.opened, sequencer.closed, "sequencer handles, step " + step);
                assertEquals(sequencer.queuesAllocated, sequencer.queuesFreed, "queues, step " + step);
                assertEquals(sequencer.codecsMade, sequencer.codecsFreed, "codecs, step " + step);
                assertEquals(posix.made, posix.closed, "pipe ends, step " + step);
            }
        });
        assertEquals(13, failures, "open, name, 5 ports, queue, start, 2 codecs, 2 poll-descriptor calls");
        AlsaSequencerStandIn sequencer = new AlsaSequencerStandIn();
        CountingPosix posix = new CountingPosix();
        posix.failPipe = true;
        AlsaSeqBackend backend = new AlsaSeqBackend(sequencer, posix, new SteppedClock(0));
        assertThrows(BackendException.class,
                () -> backend.open("continuo", PortLayout.SINGLE, new SteadyHandler(1), reason -> { }));
        sequencer.dispose();
        assertEquals(List.of(1, 1, 1, 1, 2, 2), List.of(sequencer.opened, sequencer.closed,
                sequencer.queuesAllocated, sequencer.queuesFreed, sequencer.codecsMade, sequencer.codecsFreed));
    }

    static boolean sequencerDevice() {
        return Files.exists(Path.of("/dev/snd/seq"));
    }

    /** Against the kernel's sequencer through the real libasound: the cycle thread allocates nothing. */
    @Test
    @EnabledIf(value = "sequencerDevice", disabledReason = "no ALSA sequencer here (/dev/snd/seq is missing)")
    void allocatesNothingOnTheRealSequencer() throws Exception {
        SteppedClock clock = new SteppedClock(System.nanoTime());
        AlsaSeqBackend backend = new AlsaSeqBackend(REAL, AlsaSequencerStandIn.POSIX, clock);
        backend.open("continuo-test", PortLayout.SINGLE, new SteadyHandler(1), reason -> { });
        long bytes;
        try {
            assertEquals(2, backend.portNames().size());
            clock.awaitStart(backend.load());
            clock.step(WARM_UP_CYCLES, backend.load());
            bytes = Allocations.steadyState(cycles -> clock.step(cycles, backend.load()), 0, MEASURED_CYCLES,
                    backend.load().threadId())[0];
        } finally {
            backend.close();
        }
        assertEquals(0, backend.load().failures(), String.valueOf(backend.load().lastFailure()));
        assertEquals(0, bytes, "bytes allocated on the cycle thread in " + MEASURED_CYCLES + " cycles");
    }
}
