package dev.continuo.bridge.backend.coremidi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** {@code MIDIEventList} bytes worked out by hand from MIDIServices.h and the UMP specification (type 2 words). */
class MidiEventListTest {

    @Test
    void twoNotesAsMidi1UniversalPackets() {
        MidiEventList list = new MidiEventList(ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN));
        list.add(0x11, 0x91, 60, 100);
        list.add(0x22, 0x81, 60, 0);
        byte[] bytes = new byte[list.size()];
        list.buffer().duplicate().position(0).get(bytes);
        assertArrayEquals(new byte[] {
            1, 0, 0, 0, 2, 0, 0, 0,
            0x11, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 100, 60, (byte) 0x91, 0x20,
            0x22, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 60, (byte) 0x81, 0x20}, bytes);
    }

    @Test
    void theWordOfANoteOnInGroupZero() {
        assertEquals(0x2093_3C64, MidiEventList.word(0x93, 60, 100));
    }

    @Test
    void systemMessagesAreNotChannelVoiceAndAFullListSaysSo() {
        MidiEventList list = MidiEventList.allocate();
        assertFalse(list.add(0, 0xF8, 0, 0));
        int added = 0;
        while (list.add(0, 0x90, 60, 1)) {
            added++;
        }
        assertEquals((MidiEventList.MAX_BYTES - 8) / 16, added);
    }
}
