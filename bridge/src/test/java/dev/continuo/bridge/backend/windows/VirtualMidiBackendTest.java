package dev.continuo.bridge.backend.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import dev.continuo.bridge.backend.Allocations;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.SteadyHandler;
import dev.continuo.bridge.backend.SteppedClock;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.natives.windows.TeVirtualMidiLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The Windows backend against a substitute for the virtual MIDI driver, because the driver exists on Windows only.
 * Cycles run on a stepped virtual clock. Checks the ports it asks for, with which flags, the bytes that cross and
 * their order, that the send and receive paths allocate nothing, and that a failed open closes what it made.
 */
class VirtualMidiBackendTest {

    private static final int WARM_UP_CYCLES = 5_000;
    private static final int MEASURED_CYCLES = 5_000;

    /** Records into preallocated arrays, so that it allocates nothing on the backend's threads. */
    private static final class FakeDriver implements TeVirtualMidiLibrary {
        static final int CAPACITY = 1 << 16;
        final Map<Pointer, String> ports = new ConcurrentHashMap<>();
        final Map<String, Integer> flags = new ConcurrentHashMap<>();
        final Pointer[] created = new Pointer[8];
        final String[] createdNames = new String[8];
        final int[] sentPorts = new int[CAPACITY];
        final int[] sentBytes = new int[CAPACITY];
        volatile int sent;
        int made;
        int failingPort;
        MidiDataCallback receiver;

        @Override
        public Pointer virtualMIDICreatePortEx2(WString portName, MidiDataCallback callback, Pointer instance,
                int maxSysexLength, int portFlags) {
            if (made + 1 == failingPort) {
                return null;
            }
            Pointer port = new Memory(1);
            ports.put(port, portName.toString());
            flags.put(portName.toString(), portFlags);
            created[made] = port;
            createdNames[made++] = portName.toString();
            if (callback != null) {
                receiver = callback;
            }
            return port;
        }

        @Override
        public boolean virtualMIDISendData(Pointer port, Pointer bytes, int length) {
            int index = 0;
            while (created[index] != port) {
                index++;
            }
            int slot = sent & (CAPACITY - 1);
            sentPorts[slot] = index;
            sentBytes[slot] = (bytes.getByte(0) & 0xFF) << 16 | (bytes.getByte(1) & 0xFF) << 8
                    | (bytes.getByte(2) & 0xFF);
            sent = sent + 1;
            return true;
        }

        /** Sent message {@code index} as "port name SS DD DD". */
        String sent(int index) {
            int slot = index & (CAPACITY - 1);
            return createdNames[sentPorts[slot]] + String.format(" %06x", sentBytes[slot]);
        }

        @Override
        public void virtualMIDIClosePort(Pointer port) {
            ports.remove(port);
        }
    }

    private static Memory bytes(int... values) {
        Memory memory = new Memory(values.length);
        for (int i = 0; i < values.length; i++) {
            memory.setByte(i, (byte) values[i]);
        }
        return memory;
    }

    @Test
    void createsAReceivingAndFourSendingPortsAndMovesTheBytesInOrder() throws Exception {
        FakeDriver driver = new FakeDriver();
        SteadyHandler handler = new SteadyHandler(4);
        SteppedClock clock = new SteppedClock(0);
        VirtualMidiBackend backend = new VirtualMidiBackend(driver, clock);
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        try {
            assertEquals(List.of("Continuo Melody In", "Continuo Part 1", "Continuo Part 2", "Continuo Part 3",
                    "Continuo Part 4"), backend.portNames());
            assertEquals(TeVirtualMidiLibrary.TE_VM_FLAGS_PARSE_RX | TeVirtualMidiLibrary.TE_VM_FLAGS_INSTANTIATE_RX_ONLY,
                    driver.flags.get("Continuo Melody In"));
            assertEquals(TeVirtualMidiLibrary.TE_VM_FLAGS_PARSE_TX | TeVirtualMidiLibrary.TE_VM_FLAGS_INSTANTIATE_TX_ONLY,
                    driver.flags.get("Continuo Part 3"));
            clock.awaitStart(backend.load());
            driver.receiver.invoke(0, Pointer.nativeValue(bytes(0x90, 67, 99)), 3, 0);
            clock.step(1, backend.load());
            driver.receiver.invoke(0, Pointer.nativeValue(bytes(0x80, 67, 0)), 3, 0);
            clock.step(1, backend.load());
        } finally {
            backend.close();
        }
        assertEquals(List.of(0x904363, 64L, 0x804300, 128L), List.of(handler.inputMessage(0), handler.inputFrame(0),
                handler.inputMessage(1), handler.inputFrame(1)), "each delivered one cycle after it arrived");
        assertEquals(3 * 8, driver.sent, "a note-on and a note-off per port per cycle");
        List<String> firstCycle = new ArrayList<>();
        for (int index = 0; index < 8; index++) {
            firstCycle.add(driver.sent(index));
        }
        assertEquals(List.of("Continuo Part 1 903c64", "Continuo Part 1 803c00", "Continuo Part 2 913d64",
                "Continuo Part 2 813d00", "Continuo Part 3 923e64", "Continuo Part 3 823e00",
                "Continuo Part 4 933f64", "Continuo Part 4 833f00"), firstCycle);
        assertTrue(driver.ports.isEmpty(), "every port closed");
    }

    /**
     * In a steady state (after a warm-up) the cycle thread (8 messages out per cycle) and the driver's callback (a
     * message in per cycle) allocate nothing. The test thread stands in for the driver's thread and calls the
     * callback directly; JNA's native-to-Java dispatch is not part of the measurement.
     */
    @Test
    void allocatesNothingOnTheCycleAndReceivePaths() throws Exception {
        FakeDriver driver = new FakeDriver();
        SteadyHandler handler = new SteadyHandler(4);
        SteppedClock clock = new SteppedClock(0);
        VirtualMidiBackend backend = new VirtualMidiBackend(driver, clock);
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        long address = Pointer.nativeValue(bytes(0x90, 67, 99));
        long cycleBytes;
        long receiveBytes;
        try {
            clock.awaitStart(backend.load());
            long cycleThread = backend.load().threadId();
            Runnable input = () -> driver.receiver.invoke(0, address, 3, 0);
            long[] bytes = Allocations.steadyState(cycles -> clock.stepEach(cycles, backend.load(), input),
                    WARM_UP_CYCLES, MEASURED_CYCLES, cycleThread);
            cycleBytes = bytes[0];
            receiveBytes = bytes[1];
        } finally {
            backend.close();
        }
        assertEquals(handler.cycles() - 1, handler.inputs(), "every message reached the handler");
        System.out.printf("windows: %d bytes on the cycle thread, %d on the receive path, in %d cycles%n",
                cycleBytes, receiveBytes, MEASURED_CYCLES);
        assertEquals(0, cycleBytes, "bytes allocated on the cycle thread in " + MEASURED_CYCLES + " cycles");
        assertEquals(0, receiveBytes, "bytes allocated receiving " + MEASURED_CYCLES + " messages");
    }

    /** The driver refuses each port in turn; the ports made before it are closed. */
    @Test
    void aFailedOpenClosesThePortsItMadeAtEveryStep() {
        for (int failing = 1; failing <= 5; failing++) {
            FakeDriver driver = new FakeDriver();
            driver.failingPort = failing;
            VirtualMidiBackend backend = new VirtualMidiBackend(driver, new SteppedClock(0));
            assertThrows(BackendException.class,
                    () -> backend.open("continuo", PortLayout.SPLIT, new SteadyHandler(4), reason -> { }));
            assertEquals(failing - 1, driver.made);
            assertTrue(driver.ports.isEmpty(), "port " + failing + " refused: " + driver.ports);
        }
    }
}
