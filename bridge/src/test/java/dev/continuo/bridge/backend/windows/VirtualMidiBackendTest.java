package dev.continuo.bridge.backend.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import dev.continuo.bridge.cycle.MidiOutput;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.TransportSnapshot;
import dev.continuo.natives.windows.TeVirtualMidiLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The Windows backend against a stand-in for the virtual MIDI driver — a mock, because the driver exists on
 * Windows only. Checks the ports it asks for, with which flags, and the bytes that cross.
 */
class VirtualMidiBackendTest {

    private static final class FakeDriver implements TeVirtualMidiLibrary {
        final Map<Pointer, String> ports = new ConcurrentHashMap<>();
        final Map<String, Integer> flags = new ConcurrentHashMap<>();
        final List<String> sent = new CopyOnWriteArrayList<>();
        MidiDataCallback receiver;

        @Override
        public Pointer virtualMIDICreatePortEx2(WString portName, MidiDataCallback callback, Pointer instance,
                int maxSysexLength, int portFlags) {
            Pointer port = new Memory(1);
            ports.put(port, portName.toString());
            flags.put(portName.toString(), portFlags);
            if (callback != null) {
                receiver = callback;
            }
            return port;
        }

        @Override
        public boolean virtualMIDISendData(Pointer port, byte[] bytes, int length) {
            sent.add(ports.get(port) + String.format(" %02x %02x %02x", bytes[0], bytes[1], bytes[2]));
            return true;
        }

        @Override
        public void virtualMIDIClosePort(Pointer port) {
            ports.remove(port);
        }
    }

    @Test
    void createsAReceivingAndFourSendingPortsAndMovesTheBytes() throws Exception {
        FakeDriver driver = new FakeDriver();
        List<Integer> input = new CopyOnWriteArrayList<>();
        RealTimeHandler handler = new RealTimeHandler() {
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
                output.write(2, 0, 0x93, 48, 70, 3);
            }
        };
        VirtualMidiBackend backend = new VirtualMidiBackend(driver);
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        try {
            assertEquals(List.of("Continuo Melody In", "Continuo Part 1", "Continuo Part 2", "Continuo Part 3",
                    "Continuo Part 4"), backend.portNames());
            assertEquals(TeVirtualMidiLibrary.TE_VM_FLAGS_PARSE_RX | TeVirtualMidiLibrary.TE_VM_FLAGS_INSTANTIATE_RX_ONLY,
                    driver.flags.get("Continuo Melody In"));
            assertEquals(TeVirtualMidiLibrary.TE_VM_FLAGS_PARSE_TX | TeVirtualMidiLibrary.TE_VM_FLAGS_INSTANTIATE_TX_ONLY,
                    driver.flags.get("Continuo Part 3"));
            Memory melody = new Memory(3);
            melody.write(0, new byte[] {(byte) 0x90, 67, 99}, 0, 3);
            driver.receiver.invoke(null, melody, 3, null);
            Thread.sleep(50);
        } finally {
            backend.close();
        }
        assertEquals(List.of(0x90, 67, 99), input);
        assertTrue(driver.sent.size() > 10, "sent every cycle: " + driver.sent.size());
        assertEquals(new ArrayList<>(List.of("Continuo Part 3 93 30 46")), driver.sent.subList(0, 1));
        assertTrue(driver.ports.isEmpty(), "every port closed");
    }
}
