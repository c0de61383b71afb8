package dev.continuo.engine.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetPolicyTest {

    /** One piece: a melody of quarter notes on 60 and 64, a soprano of half notes, and three silent parts. */
    private static TrainingData data() {
        Part melody = new Part("m", 0, 0, 1, 16);
        Part soprano = new Part("Soprano", 1, 0, 2, 16);
        for (int step = 0; step < 16; step += 4) {
            melody.addNote(new Note(step < 8 ? 60 : 64, step, 4, 90));
        }
        soprano.addNote(new Note(67, 0, 8, 90));
        soprano.addNote(new Note(69, 8, 8, 90));
        List<Part> parts = new ArrayList<>(List.of(soprano));
        for (int i = 0; i < 3; i++) {
            parts.add(new Part("Alto", i + 2, 0, i + 3, 16));
        }
        List<Example> examples = List.of(new Example("piece", melody, parts));
        return new TrainingData(examples, examples, "one piece", "none", List.of());
    }

    @Test
    void decodingTakesTheDataMedianAndOnsetRatesAndTheChoralePresetsDefaults() {
        Decoding decoding = PresetPolicy.decoding(data(), false);
        assertEquals(-0.9, decoding.threshold());
        assertEquals(true, decoding.monophonic());
        assertEquals(60, decoding.melodyCenter());
        assertEquals(1, decoding.minNoteSteps());
        assertEquals(1, decoding.ensemble());
        assertEquals(false, decoding.keyNormalized());
        assertEquals(Decoding.DEFAULT_DENSITY, decoding.density());
        assertEquals(List.of(2 / 16.0, Decoding.DEFAULT_ONSET_RATE, Decoding.DEFAULT_ONSET_RATE,
                Decoding.DEFAULT_ONSET_RATE), decoding.onsetRates());
        assertEquals(4, decoding.melodyNoteSteps());
        assertEquals(PresetPolicy.CHORD_WEIGHT, decoding.chordWeight());
        assertEquals(List.of(new BeatChord(1, 1 << 7, 2), new BeatChord(1 << 4, 1 << 9, 2)), decoding.beatChords(),
                "G over the melody's C on the first two beats, A over E on the last two");
    }

    @Test
    void aKeyNormalizedModelGetsNoTranspositionEnsemble() {
        Decoding decoding = PresetPolicy.decoding(data(), true);
        assertEquals(0, decoding.ensemble());
        assertEquals(true, decoding.keyNormalized());
    }

    @Test
    void partsAreNamedByTheDataOnChannelsTwoToFiveWithTheDefaultOrGivenPrograms() {
        List<PartSpec> chorales = PresetPolicy.parts(data(), null, false);
        assertEquals(List.of(new PartSpec("Soprano", 19, 2), new PartSpec("Alto", 19, 3), new PartSpec("Alto", 19, 4),
                new PartSpec("Alto", 19, 5)), chorales);
        assertEquals(List.of(0, 0, 0, 0), PresetPolicy.parts(data(), null, true).stream().map(PartSpec::program)
                .toList());
        assertEquals(List.of(32, 25, 25, 25), PresetPolicy.parts(data(), List.of(33, 26, 26, 26), true).stream()
                .map(PartSpec::program).toList());
    }
}
