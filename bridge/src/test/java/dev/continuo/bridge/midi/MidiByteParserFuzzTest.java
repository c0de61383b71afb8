package dev.continuo.bridge.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Coverage-guided fuzzing of the live MIDI byte parser: any byte stream, cut into any chunks, gives the same
 * messages as when fed whole, and every message is well formed (a defined status, data bytes below 80, the length
 * its status implies; SysEx from F0 to F7 within the buffer). Seeds in {@code MidiByteParserFuzzTestInputs}.
 */
class MidiByteParserFuzzTest {

    private static final int MAX_SYSEX = 32;

    /** Records what the parser delivers, as text, and checks each message. */
    private static final class Checking implements MidiMessageSink {
        final List<String> seen = new ArrayList<>();

        @Override
        public void message(int status, int data1, int data2, int length) {
            assertTrue(status >= 0x80 && status <= 0xFF && status != 0xF0 && status != 0xF7, "status " + status);
            assertTrue(status != 0xF4 && status != 0xF5 && status != 0xF9 && status != 0xFD, "undefined " + status);
            assertTrue(data1 >= 0 && data1 < 0x80 && data2 >= 0 && data2 < 0x80, "data " + data1 + " " + data2);
            assertEquals(expectedLength(status), length, "length of " + Integer.toHexString(status));
            seen.add(Integer.toHexString(status) + " " + data1 + " " + data2 + "/" + length);
        }

        @Override
        public void sysEx(byte[] buffer, int length) {
            assertTrue(length >= 2 && length <= MAX_SYSEX, "SysEx length " + length);
            assertEquals(0xF0, buffer[0] & 0xFF);
            assertEquals(0xF7, buffer[length - 1] & 0xFF);
            for (int i = 1; i < length - 1; i++) {
                assertTrue((buffer[i] & 0xFF) < 0x80, "status byte inside SysEx");
            }
            seen.add("sysex " + HexFormat.of().formatHex(buffer, 0, length));
        }
    }

    private static int expectedLength(int status) {
        if (status >= 0xF8 || status == 0xF6) {
            return 1;
        }
        int command = status & 0xF0;
        if (command == 0xC0 || command == 0xD0 || status == 0xF1 || status == 0xF3) {
            return 2;
        }
        return 3;
    }

    @FuzzTest(maxDuration = "10m")
    void anySplitOfAnyStreamGivesTheSameWellFormedMessages(FuzzedDataProvider data) {
        int[] cuts = data.consumeInts(data.consumeInt(0, 16));
        byte[] stream = data.consumeRemainingAsBytes();

        Checking whole = new Checking();
        MidiByteParser wholeParser = new MidiByteParser(whole, MAX_SYSEX);
        wholeParser.feed(stream, 0, stream.length);

        Checking chunked = new Checking();
        MidiByteParser chunkedParser = new MidiByteParser(chunked, MAX_SYSEX);
        int from = 0;
        for (int cut : cuts) {
            int length = stream.length == 0 ? 0 : Math.floorMod(cut, stream.length - from + 1);
            chunkedParser.feed(stream, from, length);
            from += length;
        }
        chunkedParser.feed(stream, from, stream.length - from);

        assertEquals(whole.seen, chunked.seen);
        assertEquals(wholeParser.droppedBytes(), chunkedParser.droppedBytes());
    }
}
