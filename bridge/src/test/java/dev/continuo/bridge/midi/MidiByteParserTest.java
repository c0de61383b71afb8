package dev.continuo.bridge.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MidiByteParserTest {

    private final List<String> received = new ArrayList<>();
    private final MidiByteParser parser = new MidiByteParser(new MidiMessageSink() {
        @Override
        public void message(int status, int data1, int data2, int length) {
            received.add(HexFormat.of().formatHex(new byte[] {(byte) status, (byte) data1, (byte) data2}, 0, length)
                    .toUpperCase());
        }

        @Override
        public void sysEx(byte[] buffer, int length) {
            received.add("SYSEX " + HexFormat.of().formatHex(buffer, 0, length).toUpperCase());
        }
    }, 8);

    private List<String> feed(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        // Feed in two uneven chunks: messages must survive any split.
        parser.feed(bytes, 0, bytes.length / 3);
        parser.feed(bytes, bytes.length / 3, bytes.length - bytes.length / 3);
        return received;
    }

    @Test
    void runningStatusAndOneByteMessages() {
        assertEquals(List.of("903C64", "903E64", "903C00", "C105", "C106", "D020"),
                feed("90 3C 64 3E 64 3C 00 C1 05 06 D0 20"));
    }

    @Test
    void realTimeBytesPassThroughWithoutBreakingMessages() {
        assertEquals(List.of("F8", "803C40", "FA", "803E40"), feed("80 3C F8 40 FA 3E 40"));
        assertEquals(0, parser.droppedBytes());
    }

    @Test
    void sysExIsCollectedAndCancelsRunningStatus() {
        assertEquals(List.of("903C64", "F8", "SYSEX F07E7F0901F7"), feed("90 3C 64 F0 7E 7F F8 09 01 F7 3C 64"));
        assertEquals(2, parser.droppedBytes(), "the data bytes after the SysEx have no status to belong to");
    }

    @Test
    void garbageIsDroppedAndCountedNeverFatal() {
        // Stray data, undefined F4/F5/F9/FD, a lone F7, then a valid message.
        assertEquals(List.of("B00740"), feed("12 34 F4 F5 F9 FD F7 B0 07 40"));
        assertEquals(7, parser.droppedBytes());
    }

    @Test
    void oversizedAndUnterminatedSysExAreDroppedWhole() {
        // Buffer of 8 bytes: F0 + 7 data bytes does not fit with its F7.
        assertEquals(List.of("903C64"), feed("F0 01 02 03 04 05 06 07 08 09 F7 90 3C 64"));
        assertEquals(1, parser.droppedSysEx());
        // A SysEx cut off by a note-on loses the SysEx, keeps the note.
        assertEquals(List.of("903C64", "913C64"), feed("F0 01 02 91 3C 64"));
        assertEquals(2, parser.droppedSysEx());
    }

    @Test
    void tooLongSysExIsCountedApartFromGarbage() {
        // An 11-byte SysEx in a buffer of 8, then a stray data byte and an undefined status.
        feed("F0 01 02 03 04 05 06 07 08 09 F7 7F F4");
        assertEquals(13, parser.droppedBytes());
        assertEquals(11, parser.tooLongSysExBytes(), "the whole SysEx, F0 to F7, and nothing else");
        // A too long SysEx cut off by a note-on: its nine bytes count as too long, the note is kept.
        assertEquals(List.of("903C64"), feed("F0 01 02 03 04 05 06 07 08 90 3C 64"));
        assertEquals(11 + 9, parser.tooLongSysExBytes());
    }

    @Test
    void systemCommonMessagesHaveTheirLengthsAndCancelRunningStatus() {
        assertEquals(List.of("F21040", "F305", "F6", "F101"), feed("F2 10 40 F3 05 F6 F1 01 55"));
        assertEquals(1, parser.droppedBytes(), "0x55 after F1 has no running status");
    }

    @Test
    void aMessageCutByANewStatusIsDropped() {
        assertEquals(List.of("903E64"), feed("90 3C 90 3E 64"));
        assertEquals(1, parser.droppedBytes());
    }
}
