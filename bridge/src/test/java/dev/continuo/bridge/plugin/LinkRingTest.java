package dev.continuo.bridge.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rings through two mappings of one file, as the engine and a plug-in share it. */
class LinkRingTest {

    @TempDir
    Path folder;

    @Test
    void recordsCrossBetweenTwoMappingsExactlyAndInOrderAcrossTheWrap() throws Exception {
        Path file = folder.resolve("a.link");
        try (LinkFile engine = LinkFile.create(file)) {
            FakePlugin plugin = new FakePlugin(file);
            assertEquals(LinkLayout.MAGIC, plugin.magic());
            assertEquals(LinkLayout.VERSION, plugin.version());
            assertEquals(LinkLayout.FILE_BYTES, Files.size(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

            LinkRecord in = new LinkRecord();
            int total = LinkLayout.TO_ENGINE_RECORDS * 2 + 3;
            for (int round = 0; round < total; ) {
                for (int i = 0; i < 100 && round < total; i++, round++) {
                    plugin.send(new LinkRecord().set(LinkLayout.NOTE, 255, round & 0xFF, 200, 7, 0xFFFFFFFFL,
                            round, round * 0.25, -round));
                }
                while (engine.toEngine().poll(in)) {
                    assertEquals(LinkLayout.NOTE, in.kind);
                    assertEquals(255, in.flags);
                    assertEquals(200, in.b);
                    assertEquals(7, in.c);
                    assertEquals(0xFFFFFFFFL, in.frames, "uint32 fields keep their top bit");
                    long index = in.rate;
                    assertEquals(index & 0xFF, in.a);
                    assertEquals(index * 0.25, in.beat);
                    assertEquals(-index, in.value);
                }
                assertEquals(round - 1, in.rate, "every record so far arrived, in order");
            }

            engine.toPlugin().offer(new LinkRecord().set(LinkLayout.CLEAR, 0, 0, 0, 0, 0, 0, 0, 0));
            assertEquals(LinkLayout.CLEAR, plugin.receive().get(0).kind);
            engine.beatEngine();
            engine.beatEngine();
            assertEquals(2, plugin.engineBeat());
            assertEquals(0, engine.pluginBeat());
            plugin.beat();
            assertEquals(1, engine.pluginBeat());
            assertFalse(plugin.closed());
            engine.close();
            assertTrue(plugin.closed(), "the flag is set before the file goes");
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void aFullRingRefusesAndCountsWithoutBlockingAndStagedRecordsStayUnseenUntilPublished() throws Exception {
        Path file = folder.resolve("b.link");
        try (LinkFile engine = LinkFile.create(file)) {
            FakePlugin plugin = new FakePlugin(file);
            LinkRing ring = engine.toPlugin();
            LinkRecord record = new LinkRecord().set(LinkLayout.PHRASE_NOTE, 0, 1, 60, 90, 0, 0, 0, 1);
            for (int i = 0; i < ring.capacity(); i++) {
                assertTrue(ring.offer(record));
            }
            assertEquals(0, ring.free());
            assertFalse(ring.offer(record));
            assertFalse(ring.offer(record));
            assertEquals(2, ring.dropped());
            assertFalse(ring.stage(record), "staging refuses too, uncounted");
            assertEquals(2, ring.dropped());

            assertTrue(plugin.toPlugin.poll(new LinkRecord()));
            assertEquals(1, ring.free());
            assertTrue(ring.stage(record));
            assertEquals(ring.capacity() - 1, plugin.receive().size(), "a staged record is not visible");
            ring.publish();
            assertEquals(1, plugin.receive().size());
            assertEquals(ring.capacity(), ring.free());
        }
    }

    @Test
    void anImpossibleIndexFromTheOtherSideReadsAsEmptyAndIsCounted() throws Exception {
        Path file = folder.resolve("c.link");
        try (LinkFile engine = LinkFile.create(file)) {
            MappedByteBuffer other = FakePlugin.map(file);
            other.putLong(LinkLayout.TO_ENGINE_OFFSET + LinkLayout.RING_TAIL, LinkLayout.TO_ENGINE_RECORDS + 1L);
            assertFalse(engine.toEngine().poll(new LinkRecord()));
            assertEquals(1, engine.toEngine().corrupt());
            other.putLong(LinkLayout.TO_PLUGIN_OFFSET + LinkLayout.RING_HEAD, 5);
            assertEquals(0, engine.toPlugin().free(), "a consumer ahead of the producer leaves no room");
            assertEquals(1, engine.toPlugin().corrupt());
        }
    }

    @Test
    void aStaleFileIsReplacedWithAFreshOne() throws Exception {
        Path file = folder.resolve("d.link");
        Files.writeString(file, "stale");
        try (LinkFile engine = LinkFile.create(file)) {
            assertEquals(LinkLayout.FILE_BYTES, Files.size(file));
            assertEquals(LinkLayout.MAGIC, new FakePlugin(file).magic());
        }
        assertFalse(Files.exists(file));
    }
}
