package dev.continuo.bridge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cycle driver of the event-based backends on a stepped virtual clock: the frame of each cycle, the due time of
 * each output event and the frame of each input event are exact, and the cycle thread allocates nothing.
 */
class TimerCycleDriverTest {

    private static final long START_NANOS = 7_000_000_000L;
    private static final int FRAMES = 64;
    private static final int WARM_UP_CYCLES = 5_000;
    private static final int MEASURED_CYCLES = 5_000;

    /** Records into preallocated arrays. */
    private static final class Sink implements TimerCycleDriver.OutputSink {
        static final int CAPACITY = 1 << 16;
        final long[] due = new long[CAPACITY];
        final int[] messages = new int[CAPACITY];
        int sent;
        int cycles;

        @Override
        public boolean send(int port, long dueNanos, int status, int data1, int data2, int length) {
            due[sent & (CAPACITY - 1)] = dueNanos;
            messages[sent & (CAPACITY - 1)] = port << 24 | status << 16 | data1 << 8 | data2;
            sent++;
            return true;
        }

        @Override
        public void endOfCycle() {
            cycles++;
        }
    }

    @Test
    void runsEachCycleAtItsFrameSendsAtTheDueTimeAndDeliversInputOneCycleLater() {
        SteppedClock clock = new SteppedClock(START_NANOS);
        SteadyHandler handler = new SteadyHandler(2);
        Sink sink = new Sink();
        TimerCycleDriver driver = new TimerCycleDriver(handler, FRAMES, sink, clock);
        driver.start("test-cycle");
        try {
            clock.awaitStart(driver.load());
            // 250 µs after the start is frame 12 at 48 kHz.
            driver.offer(START_NANOS + 250_000, new byte[] {(byte) 0x90, 64, 99}, 3);
            clock.step(2, driver.load());
        } finally {
            driver.close();
        }
        assertEquals(List.of(0L, 64L, 128L), List.of(handler.cycleFrame(0), handler.cycleFrame(1),
                handler.cycleFrame(2)));
        assertEquals(List.of(0x904063, 76L), List.of(handler.inputMessage(0), handler.inputFrame(0)));
        assertEquals(3, sink.cycles);
        List<String> second = new ArrayList<>();
        for (int index = 4; index < 8; index++) {
            second.add((sink.due[index] - START_NANOS) + String.format(" %08x", sink.messages[index]));
        }
        // Cycle 1 starts at 1,333,333 ns; offsets 5 and 40 are 104,166 and 833,333 ns into it.
        assertEquals(List.of("1437499 00903c64", "2166666 00803c00", "1437499 01913d64", "2166666 01813d00"),
                second);
    }

    @Test
    void theCycleThreadAllocatesNothing() {
        SteppedClock clock = new SteppedClock(START_NANOS);
        SteadyHandler handler = new SteadyHandler(4);
        TimerCycleDriver driver = new TimerCycleDriver(handler, FRAMES, new Sink(), clock);
        byte[] noteOn = {(byte) 0x90, 64, 99};
        driver.start("test-cycle");
        long bytes;
        try {
            clock.awaitStart(driver.load());
            long thread = driver.load().threadId();
            bytes = Allocations.steadyState(cycles -> clock.stepEach(cycles, driver.load(),
                    () -> driver.offer(clock.nanoTime(), noteOn, noteOn.length)), WARM_UP_CYCLES, MEASURED_CYCLES,
                    thread)[0];
        } finally {
            driver.close();
        }
        assertEquals(handler.cycles() - 1, handler.inputs(), "every message reached the handler");
        System.out.printf("timer cycle driver: %d bytes on the cycle thread in %d cycles%n", bytes,
                MEASURED_CYCLES);
        assertEquals(0, bytes, "bytes allocated on the cycle thread in " + MEASURED_CYCLES + " cycles");
    }
}
