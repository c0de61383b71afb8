package dev.continuo.bridge.backend.jack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.continuo.bridge.backend.Allocations;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.FailingSteps;
import dev.continuo.bridge.backend.SteadyHandler;
import dev.continuo.bridge.cycle.PortLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JACK backend against {@link JackStandIn}, the test acting as the JACK server: it calls the process callback
 * itself, cycle by cycle, with the frame times it chooses. (The live server is exercised by the JACK integration
 * tests in {@code tests/}.)
 */
class JackBackendTest {

    private static final int WARM_UP_CYCLES = 20_000;
    private static final int MEASURED_CYCLES = 10_000;

    private static void cycle(JackStandIn jack, int frameTime) {
        jack.frameTime = frameTime;
        jack.process.invoke(JackStandIn.BUFFER_SIZE, null);
    }

    @Test
    void registersThePortsAndRunsACycleWithInputAndOutputAtTheirOffsets() throws Exception {
        JackStandIn jack = new JackStandIn();
        SteadyHandler handler = new SteadyHandler(4);
        JackBackend backend = new JackBackend(jack);
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        try {
            assertEquals(List.of("continuo:melody_in", "continuo:part1", "continuo:part2", "continuo:part3",
                    "continuo:part4"), backend.portNames());
            assertEquals(List.of(JackStandIn.SAMPLE_RATE, JackStandIn.BUFFER_SIZE, 1),
                    List.of(backend.sampleRate(), backend.framesPerCycle(), jack.activated));
            jack.input(7, 0x90, 60, 100);
            cycle(jack, 1000);
        } finally {
            backend.close();
        }
        assertEquals(0, jack.clientsOpen, "the client closed");
        assertEquals(List.of(1, 0x903c64, 1007L), List.of(handler.inputs(), handler.inputMessage(0),
                handler.inputFrame(0)), "the input at its frame offset, in the same cycle");
        List<String> written = new ArrayList<>();
        for (int index = 0; index < jack.written(); index++) {
            written.add(jack.written(index));
        }
        assertEquals(List.of("1@5 903c64", "1@40 803c00", "2@5 913d64", "2@40 813d00", "3@5 923e64", "3@40 823e00",
                "4@5 933f64", "4@40 833f00"), written);
    }

    /** {@code jack_last_frame_time} is 32 bits and wraps after a day at 48 kHz; the handler's count must not. */
    @Test
    void theFrameCounterRunsOnPastTheWrapOfJacksThirtyTwoBitFrameTime() throws Exception {
        JackStandIn jack = new JackStandIn();
        SteadyHandler handler = new SteadyHandler(1);
        JackBackend backend = new JackBackend(jack);
        backend.open("continuo", PortLayout.SINGLE, handler, reason -> { });
        try {
            cycle(jack, 0xFFFF_FE00);
            cycle(jack, 0xFFFF_FF00);
            jack.input(16, 0x90, 62, 90);
            cycle(jack, 0x0000_0000);
            cycle(jack, 0x0000_0100);
            cycle(jack, 0x0000_0300);
        } finally {
            backend.close();
        }
        assertEquals(List.of(0xFFFF_FE00L, 0xFFFF_FF00L, 0x1_0000_0000L, 0x1_0000_0100L, 0x1_0000_0300L),
                List.of(handler.cycleFrame(0), handler.cycleFrame(1), handler.cycleFrame(2), handler.cycleFrame(3),
                        handler.cycleFrame(4)), "a continuous 64-bit count (the last cycle skipped 256 frames)");
        assertEquals(0x1_0000_0010L, handler.inputFrame(0));
    }

    @Test
    void countsXrunsInItsCycleLoad() throws Exception {
        JackStandIn jack = new JackStandIn();
        JackBackend backend = new JackBackend(jack);
        backend.open("continuo", PortLayout.SINGLE, new SteadyHandler(1), reason -> { });
        try {
            assertEquals(0, backend.load().xruns());
            for (int xrun = 0; xrun < 3; xrun++) {
                assertEquals(0, jack.xrun.invoke(null));
            }
            assertEquals(3, backend.load().xruns());
        } finally {
            backend.close();
        }
    }

    /** Cycles with a message in each, continuing the frame time (warm-up and measurement run the same code). */
    private static void runCycles(JackStandIn jack, int cycles) {
        int frameTime = jack.frameTime;
        for (int cycle = 0; cycle < cycles; cycle++) {
            jack.input(cycle % JackStandIn.BUFFER_SIZE, 0x90, 60, 100);
            cycle(jack, frameTime += JackStandIn.BUFFER_SIZE);
        }
    }

    /**
     * The process callback allocates nothing in a steady state (after a warm-up), with input and output every cycle.
     * The test thread stands in for JACK's real-time thread; JNA's dispatch is measured live by
     * {@code continuo bench serve}.
     */
    @Test
    void theProcessCallbackAllocatesNothing() throws Exception {
        JackStandIn jack = new JackStandIn();
        SteadyHandler handler = new SteadyHandler(4);
        JackBackend backend = new JackBackend(jack);
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        long bytes;
        try {
            bytes = Allocations.steadyState(cycles -> runCycles(jack, cycles), WARM_UP_CYCLES, MEASURED_CYCLES)[0];
        } finally {
            backend.close();
        }
        assertEquals(handler.cycles(), handler.inputs(), "every cycle's message reached the handler");
        assertEquals(0, backend.load().failures(), String.valueOf(backend.load().lastFailure()));
        System.out.printf("jack: %d bytes in the process callback in %d cycles%n", bytes, MEASURED_CYCLES);
        assertEquals(0, bytes, "bytes allocated by the process callback in " + MEASURED_CYCLES + " cycles");
    }

    /** Each fallible call of open fails in turn; the client is closed whenever it was opened. */
    @Test
    void aFailedOpenClosesTheClientAtEveryStep() throws Exception {
        int failures = FailingSteps.untilOpenSucceeds(step -> {
            JackStandIn jack = new JackStandIn();
            jack.failingStep = step;
            JackBackend backend = new JackBackend(jack);
            try {
                backend.open("continuo", PortLayout.SPLIT, new SteadyHandler(4), reason -> { });
                backend.close();
                return true;
            } catch (BackendException e) {
                return false;
            } finally {
                assertEquals(0, jack.clientsOpen, "step " + step);
            }
        });
        assertEquals(9, failures, "client, 5 ports, process callback, xrun callback, activation");
        JackStandIn jack = new JackStandIn();
        jack.failingStep = 1;
        BackendException refused = assertThrows(BackendException.class,
                () -> new JackBackend(jack).open("continuo", PortLayout.SINGLE, new SteadyHandler(1), r -> { }));
        assertEquals("jack_client_open", refused.function());
    }
}
