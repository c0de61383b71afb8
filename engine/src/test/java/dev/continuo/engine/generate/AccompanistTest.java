package dev.continuo.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import dev.continuo.engine.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccompanistTest {

    private final Accompanist accompanist = new Accompanist(TinyModels.preset(3));

    /** A scale melody of the given length on channel 1, in 4/4 unless a meter is given. */
    private static PianoRoll melody(int steps, Meter meter) {
        Part part = new Part("Tune", 0, 73, 1, steps);
        int[] scale = {67, 69, 71, 72, 74, 72, 71, 69};
        for (int step = 0, i = 0; step < steps; step += 4, i++) {
            part.addNote(new Note(scale[i % scale.length], step, Math.min(4, steps - step), 100));
        }
        return new PianoRoll(4, steps, List.of(part), List.of(new TempoChange(0, 600_000)),
                List.of(new MeterChange(0, meter)));
    }

    @Test
    void oneBarSixteenBarsAndThreeFourAllGetFourPartsOfTheirOwnLength() {
        for (PianoRoll input : List.of(melody(16, Meter.FOUR_FOUR), melody(256, Meter.FOUR_FOUR),
                melody(36, new Meter(3, 4)), melody(10, Meter.FOUR_FOUR))) {
            PianoRoll output = accompanist.accompany(input, 0, GenerationSettings.defaults());
            assertEquals(5, output.parts().size());
            assertSame(input.part(0), output.part(0), "the melody is passed through untouched");
            assertEquals(input.steps(), output.steps());
            assertEquals(input.meters(), output.meters(), "the meter is kept");
            assertEquals(input.tempos(), output.tempos());
            for (int p = 1; p <= 4; p++) {
                Part part = output.part(p);
                assertEquals(p, part.channel(), "parts on channels 2-5");
                assertEquals(input.steps(), part.steps());
                for (int step = 0; step < part.steps(); step++) {
                    assertTrue(part.soundingCount(step) <= 1, "monophonic decoding");
                }
            }
        }
    }

    @Test
    void sameSeedSameParts_otherSeedOtherParts() {
        PianoRoll input = melody(64, Meter.FOUR_FOUR);
        List<Note> first = notes(accompanist.accompany(input, 0, new GenerationSettings(5, -0.9, 1, -1)));
        List<Note> again = notes(accompanist.accompany(input, 0, new GenerationSettings(5, -0.9, 1, -1)));
        List<Note> other = notes(accompanist.accompany(input, 0, new GenerationSettings(6, -0.9, 1, -1)));
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void aLowerThresholdGivesMoreNotes() {
        PianoRoll input = melody(64, Meter.FOUR_FOUR);
        int sparse = notes(accompanist.accompany(input, 0, new GenerationSettings(1, 0.5, 1, -1))).size();
        int dense = notes(accompanist.accompany(input, 0, new GenerationSettings(1, -0.99, 1, -1))).size();
        assertTrue(dense > sparse, dense + " vs " + sparse);
    }

    @Test
    void savedAndLoadedPresetGeneratesTheSame(@TempDir Path dir) throws Exception {
        Preset preset = TinyModels.preset(11);
        preset.save(dir);
        Preset loaded = Preset.load(dir);
        PianoRoll input = melody(48, new Meter(3, 4));
        GenerationSettings settings = new GenerationSettings(2, -0.5, 1, -1);
        assertEquals(notes(new Accompanist(preset).accompany(input, 0, settings)),
                notes(new Accompanist(loaded).accompany(input, 0, settings)));
        assertEquals(preset.manifest(), loaded.manifest());
    }

    @Test
    void melodiesInAnyRegisterAreMovedIntoTheModelsWindow() {
        Part low = new Part("Low", 0, 0, 1, 16);
        low.addNote(new Note(30, 0, 16, 90));
        assertEquals(34, accompanist.transposition(low), "centred on 64");
        Part high = new Part("High", 0, 0, 1, 16);
        high.addNote(new Note(100, 0, 16, 90));
        assertEquals(-36, accompanist.transposition(high), "centred on 64");
        Part wide = new Part("Wide", 0, 0, 1, 16);
        wide.addNote(new Note(50, 0, 12, 90));
        wide.addNote(new Note(77, 12, 4, 90));
        assertEquals(2, accompanist.transposition(wide), "centring (+14) would push 77 past 79: only +2 fits");
        Part centred = new Part("Mid", 0, 0, 1, 16);
        centred.addNote(new Note(60, 0, 8, 90));
        centred.addNote(new Note(62, 8, 8, 90));
        assertEquals(4, accompanist.transposition(centred), "median 60 moved to the centre 64");
    }

    @Test
    void keyNormalizedPresetsMoveTheMelodyToCByItsKeyAndByOctavesTowardsTheCentre() {
        Accompanist normalized = new Accompanist(TinyModels.onsetPreset(3));
        Part inD = new Part("D major", 0, 0, 1, 32);
        int[] scale = {62, 64, 66, 67, 69, 71, 73, 74};
        for (int i = 0; i < scale.length; i++) {
            inD.addNote(new Note(scale[i], 4 * i, 4, 90));
        }
        assertEquals(-2, normalized.transposition(inD), "D major down a tone to C; median 67 lands on 65, near 64");
        Part inDHigh = new Part("D major, an octave up", 0, 0, 1, 32);
        for (int i = 0; i < scale.length; i++) {
            inDHigh.addNote(new Note(scale[i] + 12, 4 * i, 4, 90));
        }
        assertEquals(-14, normalized.transposition(inDHigh), "the same, an octave further");
    }

    @Test
    void aHigherDensityStrikesMoreNotesWhereTheModelHasOnsets() {
        Accompanist onsets = new Accompanist(TinyModels.onsetPreset(4));
        PianoRoll input = melody(128, Meter.FOUR_FOUR);
        GenerationSettings settings = GenerationSettings.defaults();
        int sparse = notes(onsets.accompany(input, 0, settings.withDensity(0))).size();
        int middle = notes(onsets.accompany(input, 0, settings)).size();
        int busy = notes(onsets.accompany(input, 0, settings.withDensity(1))).size();
        assertTrue(sparse < middle && middle < busy, sparse + " < " + middle + " < " + busy);
        assertEquals(notes(onsets.accompany(input, 0, settings.withDensity(0.8))),
                notes(onsets.accompany(input, 0, settings.withDensity(0.8))), "same settings, same notes");
    }

    @Test
    void theTempoExponentCountsWholeOctavesBetweenTheDataAndTheMelody() {
        Decoding decoding = withMelodyNoteSteps(TinyModels.onsetPreset(1).manifest().decoding(), 4);
        assertEquals(0, decoding.tempoExponent(4));
        assertEquals(0, decoding.tempoExponent(6), "a dotted quarter is not yet twice as slow");
        assertEquals(-1, decoding.tempoExponent(8), "half notes: played twice as fast");
        assertEquals(-2, decoding.tempoExponent(32), "at most two octaves");
        assertEquals(1, decoding.tempoExponent(2), "eighths: played at half speed");
        assertEquals(0, withMelodyNoteSteps(decoding, 0).tempoExponent(8), "presets that do not record the data's");
    }

    @Test
    void aMelodyInHalfNotesIsHeardAtTheDatasSpeedAndAccompaniedAtItsOwn() {
        Preset base = TinyModels.onsetPreset(6);
        PresetManifest m = base.manifest();
        Preset tempo = new Preset(new PresetManifest(m.name(), m.description(), m.architecture(), m.parts(),
                withMelodyNoteSteps(m.decoding(), 4), m.training(), m.metrics()), base.weights());
        PianoRoll quarters = melody(64, Meter.FOUR_FOUR);
        Part halves = dev.continuo.engine.roll.TimeScaling.scaled(quarters.part(0), 2, 1);
        List<Part> slow = new Accompanist(tempo).generate(halves, GenerationSettings.defaults());
        List<Part> heard = new Accompanist(base).generate(quarters.part(0), GenerationSettings.defaults());
        for (int p = 0; p < 4; p++) {
            assertEquals(128, slow.get(p).steps());
            List<Integer> pitches = slow.get(p).notes().stream().map(Note::pitch).distinct().sorted().toList();
            assertEquals(heard.get(p).notes().stream().map(Note::pitch).distinct().sorted().toList(), pitches,
                    "the harmony the model gives the tune at its own speed, part " + p);
        }
        assertTrue(slow.stream().mapToInt(part -> part.notes().size()).sum()
                > heard.stream().mapToInt(part -> part.notes().size()).sum(),
                "striking as often in real time as the data: more notes over the twice-as-long tune");
    }

    @Test
    void aLongTuneInShortNotesIsSlowedDownOnlyAsFarAsTheLongestRoll() {
        // A sixteenth-note tune of half the longest roll would be heard four times slower: past the limit (exit 1).
        Preset base = TinyModels.onsetPreset(6);
        PresetManifest m = base.manifest();
        Preset tempo = new Preset(new PresetManifest(m.name(), m.description(), m.architecture(), m.parts(),
                withMelodyNoteSteps(m.decoding(), 4), m.training(), m.metrics()), base.weights());
        int steps = PianoRoll.MAX_STEPS / 2;
        Part sixteenths = new Part("Tune", 0, 73, 1, steps);
        for (int step = 0; step < steps; step += 4) {
            sixteenths.addNote(new Note(60 + step / 4 % 12, step, 1, 100));
        }
        assertEquals(2, tempo.manifest().decoding().tempoExponent(1));
        List<Part> parts = new Accompanist(tempo).generate(sixteenths, GenerationSettings.defaults());
        assertEquals(4, parts.size());
        parts.forEach(part -> assertEquals(steps, part.steps()));
    }

    private static Decoding withMelodyNoteSteps(Decoding d, int steps) {
        return new Decoding(d.threshold(), d.monophonic(), d.melodyCenter(), d.minNoteSteps(), d.ensemble(),
                d.humanize(), d.keyNormalized(), d.density(), d.onsetRates(), d.changeSteps(), steps, d.chordWeight(),
                d.beatChords(), d.progression());
    }

    private static List<Note> notes(PianoRoll roll) {
        return roll.parts().stream().skip(1).flatMap(p -> p.notes().stream()).toList();
    }
}
