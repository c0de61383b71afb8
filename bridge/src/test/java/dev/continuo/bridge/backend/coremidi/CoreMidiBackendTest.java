package dev.continuo.bridge.backend.coremidi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.continuo.bridge.cycle.MidiOutput;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.TransportSnapshot;
import dev.continuo.natives.coremidi.CoreFoundationLibrary;
import dev.continuo.natives.coremidi.CoreMidiLibrary;
import dev.continuo.natives.coremidi.MachTimeLibrary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The CoreMIDI backend against stand-ins for CoreMIDI, CoreFoundation and the Mach clock — a mock, because CoreMIDI
 * only exists on macOS (the macOS CI runner runs the real thing). Checks the calls and the bytes handed over.
 */
class CoreMidiBackendTest {

    /** Records what the backend asks of CoreMIDI. */
    private static final class FakeCoreMidi implements CoreMidiLibrary {
        final Map<Integer, String> endpoints = new HashMap<>();
        final Map<Integer, Integer> uniqueIds = new HashMap<>();
        final List<long[]> received = new CopyOnWriteArrayList<>();
        final Map<Long, String> names;
        final boolean macOs11;
        MIDIReadProc readProc;
        int next = 100;

        FakeCoreMidi(Map<Long, String> names, boolean macOs11) {
            this.names = names;
            this.macOs11 = macOs11;
        }

        @Override
        public int MIDISourceCreateWithProtocol(int client, Pointer name, int protocol, IntByReference out) {
            if (!macOs11) {
                throw new UnsatisfiedLinkError("Error looking up function 'MIDISourceCreateWithProtocol'");
            }
            assertEquals(kMIDIProtocol_1_0, protocol);
            return endpoint(name, out);
        }

        @Override
        public int MIDIReceivedEventList(int source, Pointer eventList) {
            ByteBuffer list = eventList.getByteBuffer(0, MidiEventList.MAX_BYTES).order(ByteOrder.nativeOrder());
            assertEquals(1, list.getInt(0), "MIDI 1.0 protocol");
            int position = 8;
            for (int i = 0; i < list.getInt(4); i++) {
                long timeStamp = list.getLong(position);
                int word = list.getInt(position + 12);
                received.add(new long[] {source, timeStamp, (word >>> 16) & 0xFF, (word >>> 8) & 0x7F});
                position += 12 + 4 * list.getInt(position + 8);
            }
            return 0;
        }

        @Override
        public int MIDIClientCreate(Pointer name, MIDINotifyProc notifyProc, Pointer refCon, IntByReference out) {
            out.setValue(1);
            return 0;
        }

        @Override
        public int MIDIClientDispose(int client) {
            return 0;
        }

        @Override
        public int MIDISourceCreate(int client, Pointer name, IntByReference out) {
            return endpoint(name, out);
        }

        @Override
        public int MIDIDestinationCreate(int client, Pointer name, MIDIReadProc readProc, Pointer refCon,
                IntByReference out) {
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
            ByteBuffer list = packetList.getByteBuffer(0, MidiPacketList.MAX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            MidiPacketList.read(list, MidiPacketList.alignedOnThisMachine(), (timeStamp, in, offset, length) -> {
                received.add(new long[] {source, timeStamp, in.get(offset) & 0xFF, in.get(offset + 1)});
            });
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
            return 24_000_000L;
        }

        @Override
        public int mach_timebase_info(MachTimebaseInfo info) {
            info.numer = 125;
            info.denom = 3;
            return 0;
        }
    }

    /** Sends a note-on on channel 2 every cycle and records the input it is given. */
    private static final class Handler implements RealTimeHandler {
        final List<Integer> input = new CopyOnWriteArrayList<>();

        @Override
        public void beginCycle(long firstFrame, int frames, int sampleRate, TransportSnapshot transport) {
        }

        @Override
        public void input(int frameOffset, byte[] data, int length) {
            for (int i = 0; i < length; i++) {
                input.add(data[i] & 0xFF);
            }
        }

        @Override
        public void render(MidiOutput output) {
            output.write(0, 10, 0x91, 60, 100, 3);
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

    @Test
    void beforeMacOs11() throws Exception {
        createsTheEndpointsKeepsTheirIdsStampsOutputAheadInHostTimeAndReadsInput(false);
    }

    @Test
    void withUniversalMidiPacketsOnMacOs11AndLater() throws Exception {
        createsTheEndpointsKeepsTheirIdsStampsOutputAheadInHostTimeAndReadsInput(true);
    }

    private void createsTheEndpointsKeepsTheirIdsStampsOutputAheadInHostTimeAndReadsInput(boolean macOs11)
            throws Exception {
        FakeCoreFoundation cf = new FakeCoreFoundation();
        FakeCoreMidi midi = new FakeCoreMidi(cf.names, macOs11);
        MemoryIds ids = new MemoryIds();
        ids.put("Continuo Part 2", 424242);
        Handler handler = new Handler();
        CoreMidiBackend backend = new CoreMidiBackend(midi, cf, new FakeMach(), new Memory(8), ids);
        long before = System.nanoTime();
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        try {
            assertEquals(List.of("Continuo Melody In", "Continuo Part 1", "Continuo Part 2", "Continuo Part 3",
                    "Continuo Part 4"), backend.portNames());
            assertEquals(cf.strings.size(), cf.released, "every CFString released");
            assertTrue(midi.uniqueIds.containsValue(424242), "the saved ID was given back to its endpoint");
            assertEquals(5, ids.ids.size(), "the other endpoints' IDs were saved");

            Memory list = new Memory(MidiPacketList.MAX_BYTES);
            MidiPacketList packets = new MidiPacketList(list.getByteBuffer(0, MidiPacketList.MAX_BYTES),
                    MidiPacketList.alignedOnThisMachine());
            packets.add(0, 0x90, 64, 90, 3);
            midi.readProc.invoke(list, null, null);
            Thread.sleep(50);
        } finally {
            backend.close();
        }
        assertEquals(List.of(0x90, 64, 90), handler.input, "the packet reached the engine");
        assertTrue(midi.received.size() > 10, "output every cycle: " + midi.received.size());
        long[] first = midi.received.get(0);
        assertEquals(0x91, first[2]);
        assertEquals(60, first[3]);
        // Host time 24,000,000 ticks (1 s) was read at "before" or just after; output is due after that, plus 2 ms.
        long ticksAfterOpen = first[1] - 24_000_000L;
        assertTrue(ticksAfterOpen >= 2_000_000L * 3 / 125, "stamped ahead: " + ticksAfterOpen);
        assertTrue(ticksAfterOpen < (System.nanoTime() - before + 2_000_000L) * 3 / 125 + 24_000,
                "stamped in host ticks, not nanoseconds: " + ticksAfterOpen);
        assertTrue(midi.endpoints.isEmpty(), "every endpoint disposed");
    }
}
