package dev.continuo.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiFolderDatasetTest {

    private static final int STEPS = 64;

    /** A folk-style tune: a melody track and one block-chord track. */
    private static PianoRoll tune(int transpose, boolean withChords) {
        Part melody = new Part("Melody", 0, 73, 0, STEPS);
        for (int step = 0; step < STEPS; step += 4) {
            melody.addNote(new Note(72 + transpose + (step / 4) % 5, step, 4, 90));
        }
        List<Part> parts = new ArrayList<>(List.of(melody));
        if (withChords) {
            Part chords = new Part("Chords", 1, 0, 1, STEPS);
            for (int step = 0; step < STEPS; step += 16) {
                for (int pitch : new int[] {48, 52, 55}) {
                    chords.addNote(new Note(pitch + transpose, step, 16, 70));
                }
            }
            parts.add(chords);
        }
        return new PianoRoll(4, STEPS, parts, List.of(new TempoChange(0, 500_000)),
                List.of(new MeterChange(0, new Meter(4, 4))));
    }

    @Test
    void holdsOutEveryTenthTuneSplitsChordTracksAndListsWhatItSkipped(@TempDir Path dir) throws Exception {
        MidiFileWriter writer = new MidiFileWriter();
        for (int i = 0; i < 20; i++) {
            writer.write(tune(i % 7, true), "tune " + i, dir.resolve(String.format("tune%02d.mid", i)));
        }
        writer.write(tune(0, false), "melody only", dir.resolve("melody-only.mid"));
        Files.write(dir.resolve("garbage.mid"), new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 1});

        MidiFolderDataset.Result result = new MidiFolderDataset().read(dir);

        assertEquals(20, result.examples().size());
        assertEquals(List.of("garbage.mid", "melody-only.mid"),
                result.skipped().stream().map(s -> s.file().getFileName().toString()).toList());
        assertTrue(result.skipped().get(1).reason().contains("only a melody"), result.skipped().get(1).reason());
        assertEquals(18, result.training().size());
        List<String> heldOut = result.heldOut().stream().map(e -> Path.of(e.name()).getFileName().toString())
                .toList();
        assertEquals(List.of("tune09.mid", "tune19.mid"), heldOut);
        assertTrue(result.training().stream().noneMatch(e -> heldOut.contains(Path.of(e.name()).getFileName()
                .toString())), "a held-out tune is never trained on");

        Example first = result.examples().get(0);
        assertEquals(List.of("Bass", "Chord high", "Chord middle", "Chord low"),
                first.parts().stream().map(Part::name).toList());
        assertEquals(36, first.parts().get(0).notes().get(0).pitch(), "C3 in the bass register: C2");
        assertEquals(55, first.parts().get(1).notes().get(0).pitch());
    }

    @Test
    void trainingDataNamesThePartsAsTheSplitChordTracksDo(@TempDir Path dir) throws Exception {
        MidiFileWriter writer = new MidiFileWriter();
        for (int i = 0; i < 12; i++) {
            writer.write(tune(i % 5, true), "tune " + i, dir.resolve("t" + i + ".mid"));
        }
        TrainingData data = TrainingData.load(dir);
        assertEquals(11, data.training().size());
        assertEquals(1, data.heldOut().size());
        assertEquals(List.of("Bass", "Chord high", "Chord middle", "Chord low"), data.partNames(4));
    }
}
