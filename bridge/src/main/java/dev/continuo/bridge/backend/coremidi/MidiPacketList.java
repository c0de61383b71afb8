package dev.continuo.bridge.backend.coremidi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes and reads CoreMIDI's {@code MIDIPacketList} in a direct buffer, to Apple's layout (MIDIServices.h,
 * {@code #pragma pack(4)}): {@code UInt32 numPackets}, then packets of {@code UInt64 timeStamp}, {@code UInt16
 * length} and {@code length} data bytes. On arm64 each packet starts on a 4-byte boundary ({@code MIDIPacketNext}
 * rounds up); on x86_64 packets follow each other with no padding. A list holds at most 64 KB; a packet here at most
 * 256 data bytes, so a long SysEx is split over several packets (CoreMIDI allows continuation packets).
 *
 * <p>Not thread-safe; preallocated, so adding allocates nothing. {@link PacketListReader} reads lists.
 */
public final class MidiPacketList {

    /** Largest list CoreMIDI accepts. */
    public static final int MAX_BYTES = 65_536;
    /** Data bytes per packet, as in the classic {@code MIDIPacket} struct. */
    public static final int MAX_PACKET_DATA = 256;
    static final int HEADER = 4;
    static final int PACKET_HEADER = 10;

    private final ByteBuffer buffer;
    private final boolean aligned;
    private int packets;

    /**
     * @param buffer  where the list is built; direct, so that its address can be passed to CoreMIDI
     * @param aligned true on arm64 (packets start on 4-byte boundaries)
     */
    public MidiPacketList(ByteBuffer buffer, boolean aligned) {
        this.buffer = buffer.order(ByteOrder.nativeOrder());
        this.aligned = aligned;
        clear();
    }

    /** A list in a new direct buffer of {@link #MAX_BYTES}. */
    public static MidiPacketList allocate(boolean aligned) {
        return new MidiPacketList(ByteBuffer.allocateDirect(MAX_BYTES), aligned);
    }

    /** Whether this machine's CoreMIDI aligns packets (arm64). */
    public static boolean alignedOnThisMachine() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64");
    }

    /** Empties the list. */
    public void clear() {
        packets = 0;
        buffer.clear();
        buffer.putInt(0, 0);
        buffer.position(HEADER);
    }

    public int packets() {
        return packets;
    }

    /** Bytes used so far. */
    public int size() {
        return buffer.position();
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Adds one packet.
     *
     * @return false if it does not fit (flush the list and add it to a new one)
     * @throws IllegalArgumentException if {@code length} is 0 or over {@link #MAX_PACKET_DATA}
     */
    public boolean add(long timeStamp, byte[] data, int offset, int length) {
        if (length <= 0 || length > MAX_PACKET_DATA) {
            throw new IllegalArgumentException("a packet holds 1–" + MAX_PACKET_DATA + " bytes, not " + length);
        }
        int start = packets == 0 ? HEADER : align(buffer.position());
        if (start + PACKET_HEADER + length > buffer.capacity()) {
            return false;
        }
        buffer.position(start);
        buffer.putLong(timeStamp);
        buffer.putShort((short) length);
        buffer.put(data, offset, length);
        packets++;
        buffer.putInt(0, packets);
        return true;
    }

    /** Adds a short message (1–3 bytes) without an array. */
    public boolean add(long timeStamp, int status, int data1, int data2, int length) {
        int start = packets == 0 ? HEADER : align(buffer.position());
        if (start + PACKET_HEADER + length > buffer.capacity()) {
            return false;
        }
        buffer.position(start);
        buffer.putLong(timeStamp);
        buffer.putShort((short) length);
        buffer.put((byte) status);
        if (length > 1) {
            buffer.put((byte) data1);
        }
        if (length > 2) {
            buffer.put((byte) data2);
        }
        packets++;
        buffer.putInt(0, packets);
        return true;
    }

    /**
     * Adds a message of any length as packets of at most {@link #MAX_PACKET_DATA} bytes (a long SysEx continues in
     * the next packets), starting at {@code from}.
     *
     * @return how many bytes from {@code from} were added; fewer than asked when the list is full
     */
    public int addSplit(long timeStamp, byte[] data, int from, int length) {
        int added = 0;
        while (added < length) {
            int chunk = Math.min(MAX_PACKET_DATA, length - added);
            if (!add(timeStamp, data, from + added, chunk)) {
                break;
            }
            added += chunk;
        }
        return added;
    }

    private int align(int position) {
        return aligned ? (position + 3) & ~3 : position;
    }
}
