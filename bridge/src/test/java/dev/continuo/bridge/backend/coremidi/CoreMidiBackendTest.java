package dev.continuo.bridge.backend.coremidi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.continuo.bridge.backend.Allocations;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.FailingSteps;
import dev.continuo.bridge.backend.SteadyHandler;
import dev.continuo.bridge.backend.SteppedClock;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.natives.coremidi.CoreFoundationLibrary;
import dev.continuo.natives.coremidi.CoreMidiLibrary;
import dev.continuo.natives.coremidi.MachTimeLibrary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CoreMIDI backend against substitutes for CoreMIDI, CoreFoundation and the Mach clock, because CoreMIDI only
 * exists on macOS (the macOS CI runner runs the real thing in {@code CoreMidiLiveTest}). The cycles run on a stepped
 * virtual clock, so the host timestamps of output and the frames of input are exact. Checks the calls, the bytes
 * handed over, that nothing is allocated on the cycle and receive paths, and that a failed open leaks nothing.
 */
class CoreMidiBackendTest {

    private static final long START_NANOS = 1_000_000_000L;
    /** The host clock when the backend opens: 1 s at 125/3 ns per tick (Apple Silicon). */
    private static final long START_TICKS = 24_000_000L;
    private static final int WARM_UP_CYCLES = 5_000;
    private static final int MEASURED_CYCLES = 5_000;

    /** Records what the backend asks of CoreMIDI, into preallocated arrays (nothing allocated on its threads). */
    private static final class FakeCoreMidi implements CoreMidiLibrary {
        static final int CAPACITY = 1 << 16;
        final Map<Integer, String> endpoints = new HashMap<>();
        final Map<Integer, Integer> uniqueIds = new HashMap<>();
        final Map<Long, String> names;
        final boolean macOs11;
        final long[] receivedSources = new long[CAPACITY];
        final long[] receivedTimeStamps = new long[CAPACITY];
        final int[] receivedBytes = new int[CAPACITY];
        volatile int received;
        private final PacketListReader reader = new PacketListReader(MidiPacketList.alignedOnThisMachine());
        private final PacketListReader.PacketSink recorder = this::record;
        private int currentSource;
        MIDIReadProc readProc;
        int next = 100;
        int clients;
        int failingStep;
        private int steps;

        FakeCoreMidi(Map<Long, String> names, boolean macOs11) {
            this.names = names;
            this.macOs11 = macOs11;
        }

        private boolean fails() {
            return ++steps == failingStep;
        }

        private void record(long timeStamp, byte[] data, int length) {
            int slot = received & (CAPACITY - 1);
            receivedSources[slot] = currentSource;
            receivedTimeStamps[slot] = timeStamp;
            receivedBytes[slot] = (data[0] & 0xFF) << 16 | (data[1] & 0xFF) << 8 | (data[2] & 0xFF);
            received = received + 1;
        }

        /** Received event {@code index} as "source@timestamp SSDDDD". */
        String event(int index) {
            int slot = index & (CAPACITY - 1);
            return receivedSources[slot] + "@" + receivedTimeStamps[slot] + " "
                    + String.format("%06x", receivedBytes[slot]);
        }

        @Override
        public int MIDISourceCreateWithProtocol(int client, Pointer name, int protocol, IntByReference out) {
            if (!macOs11) {
                throw new UnsatisfiedLinkError("Error looking up function 'MIDISourceCreateWithProtocol'");
            }
            assertEquals(kMIDIProtocol_1_0, protocol);
            return fails() ? -50 : endpoint(name, out);
        }

        @Override
        public int MIDIReceivedEventList(int source, Pointer eventList) {
            assertEquals(1, eventList.getInt(0), "MIDI 1.0 protocol");
            int position = 8;
            for (int i = 0; i < eventList.getInt(4); i++) {
                int word = eventList.getInt(position + 12);
                currentSource = source;
                int slot = received & (CAPACITY - 1);
                receivedSources[slot] = source;
                receivedTimeStamps[slot] = eventList.getLong(position);
                receivedBytes[slot] = word & 0xFF_FFFF;
                received = received + 1;
                position += 12 + 4 * eventList.getInt(position + 8);
            }
            return 0;
        }

        @Override
        public int MIDIClientCreate(Pointer name, MIDINotifyProc notifyProc, Pointer refCon, IntByReference out) {
            if (fails()) {
                return -50;
            }
            clients++;
            out.setValue(1);
            return 0;
        }

        @Override
        public int MIDIClientDispose(int client) {
            clients--;
            return 0;
        }

        @Override
        public int MIDISourceCreate(int client, Pointer name, IntByReference out) {
            return fails() ? -50 : endpoint(name, out);
        }

        @Override
        public int MIDIDestinationCreate(int client, Pointer name, MIDIReadProc readProc, Pointer refCon,
                IntByReference out) {
            if (fails()) {
                return -50;
            }
            this.readProc = readProc;
            return endpoint(name, out);
        }

        private int endpoint(Pointer name, IntByReference out) {
            int id = next++;
            endpoints.put(id, names.get(Pointer.nativeValue(name)));
            uniqueIds.put(id, 7000 + id);
            out.setValue(id);
            return 0;
        }

        @Override
        public int MIDIEndpointDispose(int endpoint) {
            endpoints.remove(endpoint);
            return 0;
        }

        @Override
        public int MIDIReceived(int source, Pointer packetList) {
            currentSource = source;
            reader.read(Pointer.nativeValue(packetList), MidiPacketList.MAX_BYTES, recorder);
            return 0;
        }

        @Override
        public int MIDIObjectSetIntegerProperty(int object, Pointer propertyId, int value) {
            uniqueIds.put(object, value);
            return 0;
        }

        @Override
        public int MIDIObjectGetIntegerProperty(int object, Pointer propertyId, IntByReference out) {
            out.setValue(uniqueIds.get(object));
            return 0;
        }
    }

    private static final class FakeCoreFoundation implements CoreFoundationLibrary {
        final Map<Long, String> names = new HashMap<>();
        final List<Memory> strings = new ArrayList<>();
        int released;

        @Override
        public Pointer CFStringCreateWithCString(Pointer allocator, String text, int encoding) {
            Memory string = new Memory(8);
            strings.add(string);
            names.put(Pointer.nativeValue(string), text);
            return string;
        }

        @Override
        public void CFRelease(Pointer object) {
            released++;
        }
    }

    /** Apple Silicon's clock: 125/3 ns per tick; the host clock reads 1 s when first asked. */
    private static final class FakeMach implements MachTimeLibrary {
        @Override
        public long mach_absolute_time() {
            return START_TICKS;
        }

        @Override
        public int mach_timebase_info(MachTimebaseInfo info) {
            info.numer = 125;
            info.denom = 3;
            return 0;
        }
    }

    private static final class MemoryIds implements UniqueIds {
        final Map<String, Integer> ids = new HashMap<>();

        @Override
        public OptionalInt get(String endpointName) {
            Integer id = ids.get(endpointName);
            return id == null ? OptionalInt.empty() : OptionalInt.of(id);
        }

        @Override
        public void put(String endpointName, int uniqueId) {
            ids.put(endpointName, uniqueId);
        }
    }

    /** A packet list in native memory, as CoreMIDI hands one to the read callback. */
    private static Memory packets(long[] timeStamps, int... messages) {
        Memory list = new Memory(MidiPacketList.MAX_BYTES);
        MidiPacketList packets = new MidiPacketList(list.getByteBuffer(0, MidiPacketList.MAX_BYTES),
                MidiPacketList.alignedOnThisMachine());
        for (int i = 0; i < messages.length; i++) {
            packets.add(timeStamps[i], messages[i] >>> 16, messages[i] >>> 8 & 0xFF, messages[i] & 0xFF, 3);
        }
        return list;
    }

    @ParameterizedTest(name = "macOS 11 or later: {0}")
    @ValueSource(booleans = {false, true})
    void createsTheEndpointsKeepsTheirIdsStampsOutputAheadInHostTicksAndDeliversInputAtItsFrame(boolean macOs11)
            throws Exception {
        FakeCoreFoundation cf = new FakeCoreFoundation();
        FakeCoreMidi midi = new FakeCoreMidi(cf.names, macOs11);
        MemoryIds ids = new MemoryIds();
        ids.put("Continuo Part 2", 424242);
        SteadyHandler handler = new SteadyHandler(4);
        SteppedClock clock = new SteppedClock(START_NANOS);
        CoreMidiBackend backend = new CoreMidiBackend(midi, cf, new FakeMach(), new Memory(8), ids, clock);
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        try {
            assertEquals(List.of("Continuo Melody In", "Continuo Part 1", "Continuo Part 2", "Continuo Part 3",
                    "Continuo Part 4"), backend.portNames());
            assertEquals(cf.strings.size(), cf.released, "every CFString released");
            assertTrue(midi.uniqueIds.containsValue(424242), "the saved ID was given back to its endpoint");
            assertEquals(5, ids.ids.size(), "the other endpoints' IDs were saved");
            clock.awaitStart(backend.load());
            // "Now" (timestamp 0) is frame 0; 24,048,000 ticks is 2 ms (96 frames) after the start.
            Memory list = packets(new long[] {0, START_TICKS + 48_000}, 0x90405A, 0x804000);
            midi.readProc.invoke(Pointer.nativeValue(list), 0, 0);
            clock.step(3, backend.load());
        } finally {
            backend.close();
        }
        assertEquals(2, handler.inputs());
        assertEquals(List.of(0x90405A, 64L, 0x804000, 160L), List.of(handler.inputMessage(0),
                handler.inputFrame(0), handler.inputMessage(1), handler.inputFrame(1)),
                "each delivered one 64-frame cycle after it arrived, at its own offset");
        assertEquals(4 * 8, midi.received, "a note-on and a note-off per source per cycle");
        List<String> firstCycle = new ArrayList<>();
        for (int index = 0; index < 8; index++) {
            firstCycle.add(midi.event(index));
        }
        // Due at 1 s + the offset (5 frames = 104,166 ns; 40 frames = 833,333 ns) + 2 ms, at 3/125 ticks per ns.
        assertEquals(List.of("101@24050499 903c64", "101@24067999 803c00", "102@24050499 913d64",
                "102@24067999 813d00", "103@24050499 923e64", "103@24067999 823e00", "104@24050499 933f64",
                "104@24067999 833f00"), firstCycle);
        assertTrue(midi.endpoints.isEmpty(), "every endpoint disposed");
        assertEquals(0, midi.clients, "the client disposed");
    }

    /**
     * In a steady state (after a warm-up) the cycle thread (8 events out per cycle) and the thread CoreMIDI calls the
     * read callback on (a packet list in per cycle) allocate nothing. Here the test thread stands in for CoreMIDI's
     * receive thread and calls the callback directly; JNA's native-to-Java dispatch is not part of the measurement.
     */
    @ParameterizedTest(name = "macOS 11 or later: {0}")
    @ValueSource(booleans = {false, true})
    void allocatesNothingOnTheCycleAndReceivePaths(boolean macOs11) throws Exception {
        FakeCoreFoundation cf = new FakeCoreFoundation();
        FakeCoreMidi midi = new FakeCoreMidi(cf.names, macOs11);
        SteadyHandler handler = new SteadyHandler(4);
        SteppedClock clock = new SteppedClock(START_NANOS);
        CoreMidiBackend backend = new CoreMidiBackend(midi, cf, new FakeMach(), new Memory(8), new MemoryIds(),
                clock);
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        long address = Pointer.nativeValue(packets(new long[] {0, 0}, 0x90405A, 0x804000));
        long cycleBytes;
        long receiveBytes;
        try {
            clock.awaitStart(backend.load());
            long cycleThread = backend.load().threadId();
            Runnable input = () -> midi.readProc.invoke(address, 0, 0);
            long[] bytes = Allocations.steadyState(cycles -> clock.stepEach(cycles, backend.load(), input),
                    WARM_UP_CYCLES, MEASURED_CYCLES, cycleThread);
            cycleBytes = bytes[0];
            receiveBytes = bytes[1];
        } finally {
            backend.close();
        }
        assertEquals(2 * (handler.cycles() - 1), handler.inputs(), "every packet reached the handler");
        assertEquals(0, backend.load().failures(), String.valueOf(backend.load().lastFailure()));
        System.out.printf("coremidi (macOS 11: %b): %d bytes on the cycle thread, %d on the receive path, in %d "
                + "cycles%n", macOs11, cycleBytes, receiveBytes, MEASURED_CYCLES);
        assertEquals(0, cycleBytes, "bytes allocated on the cycle thread in " + MEASURED_CYCLES + " cycles");
        assertEquals(0, receiveBytes, "bytes allocated receiving " + MEASURED_CYCLES + " packet lists");
    }

    /** Each fallible CoreMIDI call of open fails in turn; the client and endpoints made before it are disposed. */
    @ParameterizedTest(name = "macOS 11 or later: {0}")
    @ValueSource(booleans = {false, true})
    void aFailedOpenDisposesEverythingItMadeAtEveryStep(boolean macOs11) throws Exception {
        int failures = FailingSteps.untilOpenSucceeds(step -> {
            FakeCoreFoundation cf = new FakeCoreFoundation();
            FakeCoreMidi midi = new FakeCoreMidi(cf.names, macOs11);
            midi.failingStep = step;
            CoreMidiBackend backend = new CoreMidiBackend(midi, cf, new FakeMach(), new Memory(8), new MemoryIds(),
                    new SteppedClock(START_NANOS));
            try {
                backend.open("continuo", PortLayout.SPLIT, new SteadyHandler(4), reason -> { });
                backend.close();
                return true;
            } catch (BackendException e) {
                return false;
            } finally {
                assertEquals(0, midi.clients, "client, step " + step);
                assertTrue(midi.endpoints.isEmpty(), "endpoints, step " + step + ": " + midi.endpoints);
                assertEquals(cf.strings.size(), cf.released, "CFStrings, step " + step);
            }
        });
        assertEquals(6, failures, "client, destination, 4 sources");
    }
}
