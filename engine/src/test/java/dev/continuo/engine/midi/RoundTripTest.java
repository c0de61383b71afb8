package dev.continuo.engine.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {

    private final MidiFileWriter writer = new MidiFileWriter();

    /** Random parts whose last bar holds a note, so the roll's bar-aligned length survives reading. */
    private static PianoRoll randomRoll(long seed, int stepsPerBeat) {
        Random random = new Random(seed);
        List<MeterChange> meters = List.of(new MeterChange(0, new Meter(3, 4)),
                new MeterChange(9 * stepsPerBeat, new Meter(6, 8)));
        int steps = 9 * stepsPerBeat + 3 * 6 * stepsPerBeat / 2; // 3 bars of 3/4, 3 bars of 6/8
        List<TempoChange> tempos = List.of(new TempoChange(0, 400_000 + random.nextInt(300_000)),
                new TempoChange(5 * stepsPerBeat, 500_000));
        List<Part> parts = new ArrayList<>();
        int[] channels = {0, 1, 2, 9};
        for (int p = 0; p < channels.length; p++) {
            Part part = new Part("Part " + p, channels[p], random.nextInt(128), p + 1, steps);
            for (int n = 0; n < 40; n++) {
                int start = random.nextInt(steps);
                part.addNote(new Note(30 + random.nextInt(60), start, 1 + random.nextInt(8), 1 + random.nextInt(127)));
            }
            part.addNote(new Note(60 + p, steps - 1, 1, 100));
            parts.add(part);
        }
        return new PianoRoll(stepsPerBeat, steps, parts, tempos, meters);
    }

    @RepeatedTest(5)
    void writeThenReadIsLosslessOnTheGrid(RepetitionInfo repetition, @TempDir Path dir) throws Exception {
        int stepsPerBeat = repetition.getCurrentRepetition() % 2 == 0 ? 4 : 12;
        PianoRoll original = randomRoll(repetition.getCurrentRepetition(), stepsPerBeat);
        Path file = dir.resolve("round-trip.mid");
        writer.write(original, "Round trip", file);

        PianoRoll read = new MidiFileReader(stepsPerBeat).read(file);

        assertEquals(original.steps(), read.steps());
        assertEquals(original.tempos(), read.tempos());
        assertEquals(original.meters(), read.meters());
        assertEquals(original.parts().size(), read.parts().size());
        for (int i = 0; i < original.parts().size(); i++) {
            Part expected = original.part(i);
            Part actual = read.part(i);
            assertEquals(expected.notes(), actual.notes(), "notes of " + expected.name());
            assertTrue(expected.sameContentAs(actual), () -> expected + " vs " + actual);
            assertEquals(i + 1, actual.sourceTrack(), "one track per part after the conductor track");
        }
    }

    @Test
    void writesFormat1WithConductorTrackFirst() throws Exception {
        PianoRoll roll = randomRoll(7, 4);
        byte[] bytes = writer.toBytes(roll, "Song");
        SmfLayout layout = new SmfScanner().scan(bytes);
        assertEquals(1, layout.format());
        assertEquals(1 + roll.parts().size(), layout.tracks());
    }
}
