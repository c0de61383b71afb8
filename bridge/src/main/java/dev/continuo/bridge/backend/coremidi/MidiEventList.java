package dev.continuo.bridge.backend.coremidi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes CoreMIDI's {@code MIDIEventList} (macOS 11+, MIDIServices.h, pack 4): {@code MIDIProtocolID protocol},
 * {@code UInt32 numPackets}, then packets of {@code UInt64 timeStamp}, {@code UInt32 wordCount} and that many
 * 32-bit Universal MIDI Packet words ({@code MIDIEventPacketNext} needs no extra alignment). A MIDI 1.0 channel voice
 * message is one UMP word of message type 2: {@code 0x2G SS D1 D2} (G = group). Preallocated; not thread-safe.
 */
public final class MidiEventList {

    /** The largest list written here. */
    public static final int MAX_BYTES = 65_536;
    static final int HEADER = 8;
    static final int PACKET_HEADER = 12;
    private static final int MIDI1_CHANNEL_VOICE = 0x2;

    private final ByteBuffer buffer;
    private int packets;

    public MidiEventList(ByteBuffer buffer) {
        this.buffer = buffer.order(ByteOrder.nativeOrder());
        clear();
    }

    public static MidiEventList allocate() {
        return new MidiEventList(ByteBuffer.allocateDirect(MAX_BYTES));
    }

    /** Empties the list (protocol MIDI 1.0). */
    public void clear() {
        packets = 0;
        buffer.clear();
        buffer.putInt(0, 1);
        buffer.putInt(4, 0);
        buffer.position(HEADER);
    }

    public int packets() {
        return packets;
    }

    public int size() {
        return buffer.position();
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** The UMP word for a MIDI 1.0 channel voice message in group 0. */
    public static int word(int status, int data1, int data2) {
        return MIDI1_CHANNEL_VOICE << 28 | (status & 0xFF) << 16 | (data1 & 0x7F) << 8 | (data2 & 0x7F);
    }

    /**
     * Adds a channel voice message (status 0x80–0xEF) as one packet.
     *
     * @return false if the list is full, or the message is not a channel voice message (which UMP type 2 cannot
     *         carry; send it another way)
     */
    public boolean add(long timeStamp, int status, int data1, int data2) {
        if (status < 0x80 || status >= 0xF0 || buffer.position() + PACKET_HEADER + 4 > buffer.capacity()) {
            return false;
        }
        buffer.putLong(timeStamp);
        buffer.putInt(1);
        buffer.putInt(word(status, data1, data2));
        packets++;
        buffer.putInt(4, packets);
        return true;
    }
}
