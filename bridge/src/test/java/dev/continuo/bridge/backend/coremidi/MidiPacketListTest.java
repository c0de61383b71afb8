package dev.continuo.bridge.backend.coremidi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The byte layout of {@code MIDIPacketList} as Apple's headers define it (pack 4; little-endian on both Mac
 * architectures): worked out by hand from MIDIServices.h and {@code MIDIPacketNext}.
 */
class MidiPacketListTest {

    private static byte[] bytes(MidiPacketList list) {
        ByteBuffer buffer = list.buffer().duplicate();
        byte[] out = new byte[list.size()];
        buffer.position(0);
        buffer.get(out);
        return out;
    }

    private static byte[] hex(String text) {
        String[] parts = text.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    @Test
    void twoShortMessagesOnIntelFollowEachOther() {
        MidiPacketList list = new MidiPacketList(ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN), false);
        list.add(0x0102030405060708L, 0x90, 60, 100, 3);
        list.add(0x10, 0x80, 60, 0, 3);
        assertArrayEquals(hex("""
                02 00 00 00
                08 07 06 05 04 03 02 01  03 00  90 3c 64
                10 00 00 00 00 00 00 00  03 00  80 3c 00
                """), bytes(list));
    }

    @Test
    void onAppleSiliconEachPacketStartsOnAFourByteBoundary() {
        MidiPacketList list = new MidiPacketList(ByteBuffer.allocateDirect(64), true);
        list.add(1, 0x90, 60, 100, 3);
        list.add(2, 0xC1, 19, 0, 2);
        list.add(3, 0xF8, 0, 0, 1);
        // 4 + 13 = 17 → next at 20; 20 + 12 = 32 → next at 32; 32 + 11 = 43.
        assertArrayEquals(hex("""
                03 00 00 00
                01 00 00 00 00 00 00 00  03 00  90 3c 64  00 00 00
                02 00 00 00 00 00 00 00  02 00  c1 13
                03 00 00 00 00 00 00 00  01 00  f8
                """), bytes(list));
    }

    @Test
    void aLongSysExIsSplitIntoPacketsOfAtMost256Bytes() {
        byte[] sysEx = new byte[600];
        sysEx[0] = (byte) 0xF0;
        for (int i = 1; i < 599; i++) {
            sysEx[i] = (byte) (i % 128);
        }
        sysEx[599] = (byte) 0xF7;
        MidiPacketList list = MidiPacketList.allocate(true);
        assertEquals(600, list.addSplit(42, sysEx, 0, sysEx.length));
        List<Integer> lengths = new ArrayList<>();
        ByteBuffer joined = ByteBuffer.allocate(600);
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(list.buffer()));
        assertEquals(3, new PacketListReader(true).read(address, list.size(), (timeStamp, data, length) -> {
            assertEquals(42, timeStamp);
            lengths.add(length);
            joined.put(data, 0, length);
        }));
        assertEquals(List.of(256, 256, 88), lengths);
        assertArrayEquals(sysEx, joined.array());
    }

    @Test
    void aFullListRefusesMoreAndReportsHowMuchFitted() {
        MidiPacketList list = MidiPacketList.allocate(false);
        byte[] chunk = new byte[256];
        int added = 0;
        while (list.add(0, chunk, 0, chunk.length)) {
            added++;
        }
        assertEquals((MidiPacketList.MAX_BYTES - 4) / 266, added);
        assertFalse(list.add(0, chunk, 0, chunk.length));
        list.clear();
        assertEquals(0, list.packets());
        assertEquals(4, list.size());
        assertThrows(IllegalArgumentException.class, () -> list.add(0, new byte[257], 0, 257));
    }

    @Test
    void readingStopsAtAPacketThatRunsPastTheEnd() {
        byte[] lying = hex("02 00 00 00  00 00 00 00 00 00 00 00  03 00 90 3c 64"
                + "  00 00 00 00 00 00 00 00  ff 00 80");
        Memory list = new Memory(lying.length);
        list.write(0, lying, 0, lying.length);
        List<Integer> lengths = new ArrayList<>();
        assertEquals(1, new PacketListReader(false).read(Pointer.nativeValue(list), lying.length,
                (timeStamp, data, length) -> lengths.add(length)));
        assertEquals(List.of(3), lengths);
    }
}
