package dev.continuo.bridge.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.bridge.realtime.CaptureRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BLOCK and NOTE records in, the recorder's capture records out, exactly. */
class LinkReaderTest {

    private final ByteBuffer buffer = ByteBuffer.allocate(LinkLayout.ringBytes(64)).order(ByteOrder.LITTLE_ENDIAN);
    private final LinkRing plugin = new LinkRing(buffer, 0, 64);
    private final List<String> heard = new ArrayList<>();
    private final LinkReader reader = new LinkReader(new LinkRing(buffer, 0, 64), (packed, value) -> heard.add(
            CaptureRecord.kind(packed) + " " + CaptureRecord.a(packed) + " " + CaptureRecord.b(packed) + " "
                    + CaptureRecord.c(packed) + " @" + Double.longBitsToDouble(value)));

    private void block(int flags, int beatsPerBar, int beatUnit, double beat) {
        plugin.offer(new LinkRecord().set(LinkLayout.BLOCK, flags, beatsPerBar, beatUnit, 0, 375, 48000, beat, 240));
    }

    private void note(int status, int pitch, int velocity, double beat) {
        plugin.offer(new LinkRecord().set(LinkLayout.NOTE, 0, status, pitch, velocity, 3, 0, beat, 0));
    }

    @Test
    void eachBlocksCycleFollowsItsNotesAndAJumpClosesWhatCameBefore() {
        int rolling = LinkLayout.ROLLING | LinkLayout.POSITION;
        block(rolling, 4, 4, 1.0);
        note(0x91, 60, 100, 1.0);
        assertEquals(2, reader.drain());
        assertEquals(List.of("1 1 60 100 @4.0"), heard, "the block's cycle waits for the next block");
        block(rolling, 6, 8, 1.03125);
        note(0x81, 60, 64, 1.0390625);
        note(0x90, 62, 0, 1.046875);
        note(0xB0, 7, 100, 1.046875);
        plugin.offer(new LinkRecord().set(99, 0, 0, 0, 0, 0, 0, 0, 0));
        block(rolling | LinkLayout.JUMPED, 4, 4, 16.0);
        block(0, 0, 0, 16.0);
        reader.drain();
        // 375 frames at 48 kHz and 240 bpm are 1/32 beat, 1/8 step.
        assertEquals(List.of("1 1 60 100 @4.0", "2 1 1 16 @4.125", "1 1 60 0 @4.15625", "1 0 62 0 @4.1875",
                "2 1 0 12 @4.25", "2 1 1 16 @64.125"), heard);
        assertEquals(4, reader.blocks());
        assertEquals(3, reader.notes());
        assertEquals(2, reader.ignored(), "a control change and an unknown kind");
        block(rolling, 4, 4, 16.03125);
        reader.drain();
        assertEquals("2 0 1 0 @0.0", heard.get(heard.size() - 1), "a stopped transport's cycle has no position");
    }

    @Test
    void notesWhileTheTransportStandsStillAreLeftOut() {
        block(0, 4, 4, 8.0);
        note(0x90, 60, 100, 8.0);
        note(0x80, 60, 0, 8.0);
        block(LinkLayout.ROLLING | LinkLayout.POSITION, 4, 4, 8.0);
        note(0x90, 62, 90, 8.0);
        reader.drain();
        assertEquals(List.of("2 0 1 16 @0.0", "1 0 62 90 @32.0"), heard);
        assertEquals(2, reader.notesWhileStopped());
        assertEquals(1, reader.notes());
    }
}
