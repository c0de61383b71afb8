package dev.continuo.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedCorpusTest {

    private static Example example(int i) {
        Part melody = new Part("Melody", 0, 73, 0, 32);
        Part bass = new Part("Bass", 1, 32, 2, 32);
        for (int step = 0; step < 32; step += 4) {
            melody.addNote(new Note(70 + i + step / 4, step, 3, 90));
            bass.addNote(new Note(40 + i, step, 4, 60 + i));
        }
        return new Example("piece" + i + ".mid", melody, List.of(bass, new Part("Empty", 2, 0, -1, 32)));
    }

    /** Writes examples 0..count-1 into two shards, every third held out. */
    private static void writeCorpus(Path dir, int count) throws Exception {
        List<ShardedCorpus.Shard> shards = new ArrayList<>();
        for (int shard = 0; shard < 2; shard++) {
            List<byte[]> records = new ArrayList<>();
            List<Boolean> heldOut = new ArrayList<>();
            for (int i = shard * count / 2; i < (shard + 1) * count / 2; i++) {
                records.add(ExampleCodec.encode(example(i)));
                heldOut.add(i % 3 == 2);
            }
            byte[] bytes = CorpusShard.encode(records, heldOut);
            String name = "shard-" + shard + ".bin";
            Files.write(dir.resolve(name), bytes);
            shards.add(new ShardedCorpus.Shard(name, records.size(), bytes.length));
        }
        ShardedCorpus.writeManifest(dir, new ShardedCorpus.Manifest("tunes", shards,
                List.of(new ShardedCorpus.SkippedFile("/data/broken.mid", "truncated header"))));
    }

    @Test
    void aPreparedCorpusLoadsAsTrainingDataInOrderWithItsHeldOutPiecesAndSkipReasons(@TempDir Path dir)
            throws Exception {
        writeCorpus(dir, 6);

        TrainingData data = TrainingData.load(dir);

        assertEquals(List.of("piece0.mid", "piece1.mid", "piece3.mid", "piece4.mid"),
                data.training().stream().map(Example::name).toList());
        assertEquals(List.of("piece2.mid", "piece5.mid"), data.heldOut().stream().map(Example::name).toList());
        assertEquals("MIDI folder tunes (4 files)", data.description());
        assertEquals(List.of(new MidiFolderDataset.Skipped(Path.of("/data/broken.mid"), "truncated header")),
                data.skipped());
        Example original = example(4);
        Example read = data.training().get(3);
        assertTrue(read.melody().sameContentAs(original.melody()));
        assertEquals(original.parts().size(), read.parts().size());
        for (int i = 0; i < original.parts().size(); i++) {
            assertTrue(read.parts().get(i).sameContentAs(original.parts().get(i)));
            assertEquals(original.parts().get(i).sourceTrack(), read.parts().get(i).sourceTrack());
        }
    }

    @Test
    void aShardOfAnotherSizeOrWithDamagedRecordsIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        writeCorpus(dir, 6);
        Path shard = dir.resolve("shard-1.bin");
        byte[] bytes = Files.readAllBytes(shard);

        Files.write(shard, Arrays.copyOf(bytes, bytes.length - 5));
        DatasetException shorter = assertThrows(DatasetException.class, () -> TrainingData.load(dir));
        assertTrue(shorter.getMessage().contains("corpus.json says " + bytes.length), shorter.getMessage());

        writeCorpus(dir, 6);
        byte[] damaged = bytes.clone();
        damaged[damaged.length - 40] = (byte) 0xFF; // inside the last note of the last part
        Files.write(shard, damaged);
        DatasetException bad = assertThrows(DatasetException.class, () -> TrainingData.load(dir));
        assertTrue(bad.getMessage().startsWith(shard + " example 2: damaged example record"), bad.getMessage());
        assertEquals(1, bad.getMessage().lines().count());

        Files.writeString(dir.resolve(ShardedCorpus.MANIFEST), "{\"format\": 7}");
        DatasetException format = assertThrows(DatasetException.class, () -> TrainingData.load(dir));
        assertTrue(format.getMessage().contains("not a corpus manifest of format 1"), format.getMessage());
    }

    @Test
    void anExampleRecordClaimingMoreNotesThanItsStepsHoldIsRefused() {
        byte[] record = ExampleCodec.encode(example(1));
        // The melody's note count follows its name (2 + 6 bytes), channel, program, source track and steps.
        int notesAt = 2 + "piece1.mid".length() + 2 + "Melody".length() + 1 + 1 + 4 + 4;
        record[notesAt] = 0x7F;
        DatasetException e = assertThrows(DatasetException.class, () -> ExampleCodec.decode(record, "r"));
        assertTrue(e.getMessage().contains("notes cannot fit 32 steps"), e.getMessage());
    }
}
