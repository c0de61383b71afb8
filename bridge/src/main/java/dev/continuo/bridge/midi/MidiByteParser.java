package dev.continuo.bridge.midi;

/**
 * Turns a raw MIDI 1.0 byte stream (from a port, in arbitrary chunks) into messages, tolerating what real devices
 * and buggy software send.
 *
 * <ul>
 *   <li>Running status: data bytes after a channel message reuse its status.</li>
 *   <li>Real-time bytes (F8–FF) may appear anywhere, even inside another message or a SysEx; they are delivered at
 *       once and disturb nothing.</li>
 *   <li>System common messages (F1, F2, F3, F6) and SysEx cancel running status, as the MIDI specification says.</li>
 *   <li>Garbage is dropped and counted, never fatal: data bytes with no status to belong to, undefined status bytes
 *       (F4, F5, F9, FD), SysEx longer than the buffer, and SysEx cut off by a new status byte.</li>
 * </ul>
 *
 * <p>Everything is preallocated: {@link #feed} never allocates, blocks, locks or logs, so it may run on the
 * real-time thread. Not thread-safe: one parser per stream, fed from one thread.
 */
public final class MidiByteParser {

    private static final int IDLE = 0;
    private static final int IN_SYSEX = 1;
    private static final int SKIPPING_SYSEX = 2;

    private final MidiMessageSink sink;
    private final byte[] sysEx;
    private int sysExLength;
    private int sysExState = IDLE;

    private int runningStatus;
    private int currentStatus;
    private int expected;
    private int received;
    private int data1;

    private long droppedBytes;
    private long droppedSysEx;
    private long tooLongSysExBytes;

    /**
     * @param sink          where messages go
     * @param maxSysExBytes longest SysEx message kept, F0 and F7 included; longer ones are dropped whole
     */
    public MidiByteParser(MidiMessageSink sink, int maxSysExBytes) {
        if (maxSysExBytes < 2) {
            throw new IllegalArgumentException("a SysEx buffer needs room for F0 and F7");
        }
        this.sink = sink;
        this.sysEx = new byte[maxSysExBytes];
    }

    /** Parses {@code length} bytes from {@code offset}; may be called with any split of the stream. */
    public void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            feed(bytes[i] & 0xFF);
        }
    }

    /** Parses one byte (0–255). */
    public void feed(int value) {
        if (value >= 0xF8) {
            realTime(value);
        } else if (value >= 0x80) {
            status(value);
        } else {
            data(value);
        }
    }

    /** Bytes dropped as garbage so far (stray data bytes, undefined status bytes, parts of dropped SysEx). */
    public long droppedBytes() {
        return droppedBytes;
    }

    /**
     * Of {@link #droppedBytes}, those of SysEx messages longer than the buffer: valid MIDI, dropped only for their
     * length (the F7 that ends such a message included).
     */
    public long tooLongSysExBytes() {
        return tooLongSysExBytes;
    }

    /** SysEx messages dropped so far (too long, or cut off by another status byte). */
    public long droppedSysEx() {
        return droppedSysEx;
    }

    private void realTime(int value) {
        if (value == 0xF9 || value == 0xFD) {
            droppedBytes++;
        } else {
            sink.message(value, 0, 0, 1);
        }
    }

    private void status(int value) {
        if (sysExState != IDLE) {
            boolean ends = value == 0xF7;
            if (sysExState == IN_SYSEX) {
                if (ends) {
                    sysEx[sysExLength++] = (byte) 0xF7;
                    sink.sysEx(sysEx, sysExLength);
                } else {
                    droppedBytes += sysExLength;
                    droppedSysEx++;
                }
            } else {
                droppedBytes++;
                tooLongSysExBytes += ends ? 1 : 0;
            }
            sysExState = IDLE;
            if (ends) {
                return;
            }
        }
        droppedBytes += received;
        received = 0;
        expected = 0;
        switch (value) {
            case 0xF0 -> {
                runningStatus = 0;
                sysExState = IN_SYSEX;
                sysExLength = 0;
                sysEx[sysExLength++] = (byte) 0xF0;
            }
            case 0xF1, 0xF3 -> expect(value, 1, 0);
            case 0xF2 -> expect(value, 2, 0);
            case 0xF6 -> {
                runningStatus = 0;
                sink.message(value, 0, 0, 1);
            }
            case 0xF4, 0xF5, 0xF7 -> {
                // Undefined, or an end of SysEx with no SysEx open.
                runningStatus = 0;
                droppedBytes++;
            }
            default -> expect(value, dataBytes(value), value);
        }
    }

    private void expect(int status, int dataBytes, int newRunningStatus) {
        currentStatus = status;
        expected = dataBytes;
        runningStatus = newRunningStatus;
    }

    private static int dataBytes(int channelStatus) {
        int command = channelStatus & 0xF0;
        return command == 0xC0 || command == 0xD0 ? 1 : 2;
    }

    private void data(int value) {
        if (sysExState == IN_SYSEX) {
            if (sysExLength < sysEx.length - 1) {
                sysEx[sysExLength++] = (byte) value;
            } else {
                droppedBytes += sysExLength + 1;
                tooLongSysExBytes += sysExLength + 1;
                droppedSysEx++;
                sysExState = SKIPPING_SYSEX;
            }
            return;
        }
        if (sysExState == SKIPPING_SYSEX) {
            droppedBytes++;
            tooLongSysExBytes++;
            return;
        }
        if (expected == 0) {
            if (runningStatus == 0) {
                droppedBytes++;
                return;
            }
            expect(runningStatus, dataBytes(runningStatus), runningStatus);
        }
        if (received == 0) {
            data1 = value;
        }
        received++;
        if (received == expected) {
            sink.message(currentStatus, data1, expected == 2 ? value : 0, expected + 1);
            expected = 0;
            received = 0;
        }
    }
}
