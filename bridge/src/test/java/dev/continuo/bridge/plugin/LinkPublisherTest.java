package dev.continuo.bridge.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.continuo.bridge.realtime.PhrasePattern;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Phrases out as exact record sequences; a phrase without room waits whole for the next round. */
class LinkPublisherTest {

    private static final int RECORDS = 16;
    private final ByteBuffer buffer = ByteBuffer.allocate(LinkLayout.ringBytes(RECORDS))
            .order(ByteOrder.LITTLE_ENDIAN);
    private final LinkRing plugin = new LinkRing(buffer, 0, RECORDS);
    private final LinkPublisher publisher = new LinkPublisher(new LinkRing(buffer, 0, RECORDS));

    private List<String> receive() {
        List<String> records = new ArrayList<>();
        LinkRecord record = new LinkRecord();
        while (plugin.poll(record)) {
            records.add(record.kind + " f" + record.flags + " " + record.a + " " + record.b + " " + record.c + " "
                    + record.frames + " " + record.rate + " " + record.beat + " " + record.value);
        }
        return records;
    }

    private static PhrasePattern pattern(int notes, boolean waits) {
        PhrasePattern.Builder builder = PhrasePattern.builder(32, 2).part(0, 1, 19).part(1, 2, -1);
        for (int i = 0; i < notes; i++) {
            builder.note(i % 2, i * 2, i * 2 + 3, 48 + i, 80);
        }
        return builder.build(waits);
    }

    @Test
    void aPhraseIsBeginProgramsNotesInBeatsAndCommit() {
        PhrasePattern first = pattern(3, false);
        publisher.put(2, first);
        assertSame(first, publisher.get(2));
        assertEquals(1, publisher.publish());
        assertEquals(List.of("16 f0 0 0 0 2 3 16.0 8.0", "18 f0 1 19 0 0 0 0.0 0.0", "17 f0 1 48 80 0 0 0.0 0.75",
                "17 f0 2 49 80 0 0 0.5 1.25", "17 f0 1 50 80 0 0 1.0 1.75", "19 f0 0 0 0 2 0 0.0 0.0"), receive());
        publisher.put(0, pattern(0, true));
        publisher.publish();
        assertEquals(List.of("16 f8 0 0 0 0 0 0.0 8.0", "18 f0 1 19 0 0 0 0.0 0.0", "19 f0 0 0 0 0 0 0.0 0.0"),
                receive(), "a re-voicing waits for its phrase's start");
        assertEquals(2, publisher.published());
    }

    @Test
    void aPhraseThatDoesNotFitWaitsWholeAndOneThatNeverFitsIsDropped() {
        publisher.put(0, pattern(10, false));
        publisher.put(1, pattern(4, false));
        assertEquals(1, publisher.publish(), "13 of 16 records used; the next phrase needs 7");
        assertEquals(1, publisher.waiting());
        assertEquals(0, publisher.publish());
        assertEquals(13, receive().size());
        assertEquals(1, publisher.publish());
        List<String> second = receive();
        assertEquals(7, second.size());
        assertEquals("16 f0 0 0 0 1 4 8.0 8.0", second.get(0));
        assertEquals("19 f0 0 0 0 1 0 0.0 0.0", second.get(6));

        publisher.put(3, pattern(16, false));
        assertEquals(0, publisher.publish());
        assertEquals(1, publisher.tooLarge());
        assertEquals(0, publisher.waiting());
        assertEquals(List.of(), receive());

        publisher.clear();
        assertNull(publisher.get(0));
        publisher.put(5, pattern(1, false));
        publisher.publish();
        List<String> cleared = receive();
        assertEquals("20 f0 0 0 0 0 0 0.0 0.0", cleared.get(0), "CLEAR goes before later phrases");
        assertEquals(5, cleared.size());
    }

    @Test
    void aHeldPhraseAndThoseAfterItWaitUntilItIsReleased() {
        publisher.hold(1);
        publisher.put(0, pattern(1, false));
        publisher.put(1, pattern(1, false));
        publisher.put(2, pattern(1, false));
        assertEquals(1, publisher.publish(), "phrase 0 only");
        assertEquals(2, publisher.waiting());
        publisher.release();
        assertEquals(2, publisher.publish());
        assertEquals(List.of("16 f0 0 0 0 0 1 0.0 8.0", "16 f0 0 0 0 1 1 8.0 8.0", "16 f0 0 0 0 2 1 16.0 8.0"),
                receive().stream().filter(record -> record.startsWith("16 ")).toList());
    }
}
