package dev.continuo.bridge.backend.coremidi;

import dev.continuo.natives.MovablePointer;

/**
 * Reads a CoreMIDI {@code MIDIPacketList} (layout: {@link MidiPacketList}) in native memory, at an address, without
 * allocating: each packet's data is copied into one preallocated array, which the sink must read before it returns.
 * Not thread-safe; one reader per receiving thread.
 */
public final class PacketListReader {

    /** Receives each packet of a list being read. */
    public interface PacketSink {
        /** {@code data[0..length)} is the packet's data; the array is the reader's and is reused. */
        void packet(long timeStamp, byte[] data, int length);
    }

    private final boolean aligned;
    private final MovablePointer list = new MovablePointer();
    private final byte[] data = new byte[MidiPacketList.MAX_BYTES];

    /** @param aligned true on arm64 (packets start on 4-byte boundaries) */
    public PacketListReader(boolean aligned) {
        this.aligned = aligned;
    }

    /**
     * Reads the list at {@code address}, of which at most {@code limit} bytes may be read, calling {@code sink} per
     * packet. Stops at the first packet that would run past the limit.
     *
     * @return the packets read
     */
    public int read(long address, int limit, PacketSink sink) {
        if (limit < MidiPacketList.HEADER) {
            return 0;
        }
        list.moveTo(address);
        int count = list.getInt(0);
        int position = MidiPacketList.HEADER;
        int read = 0;
        for (int i = 0; i < count; i++) {
            if (i > 0 && aligned) {
                position = (position + 3) & ~3;
            }
            if (position + MidiPacketList.PACKET_HEADER > limit) {
                break;
            }
            long timeStamp = list.getLong(position);
            int length = Short.toUnsignedInt(list.getShort(position + 8));
            if (position + MidiPacketList.PACKET_HEADER + length > limit) {
                break;
            }
            list.read(position + MidiPacketList.PACKET_HEADER, data, 0, length);
            sink.packet(timeStamp, data, length);
            position += MidiPacketList.PACKET_HEADER + length;
            read++;
        }
        return read;
    }
}
