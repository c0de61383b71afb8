package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.generate.ChordPrior;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.preset.BeatChord;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuo learn-chords}: the bundled chorale preset given the beat chords of a small chorale file. */
class LearnChordsIT {

    @TempDir
    Path dir;

    /** Two chorales of 8 sixteenths in "train", one in "valid": C major, then G major, under E and D. */
    private Path chorales() throws Exception {
        String c = "[76, 67, 64, 48]";
        String g = "[74, 71, 62, 43]";
        String chorale = "[" + String.join(", ", c, c, c, c, g, g, g, g) + "]";
        Path file = dir.resolve("chorales.json");
        Files.writeString(file, "{\"train\": [" + chorale + ", " + chorale + "], \"valid\": [" + chorale
                + "], \"test\": []}");
        return file;
    }

    @Test
    void thePresetGetsTheChordsItsAudiblePartsSoundOnTheBeatAndKeepsItsWeights() throws Exception {
        Path out = dir.resolve("chorale-chords");
        ContinuoProcess.Result learnt = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, java.util.Map.of(),
                "learn-chords", "--preset", "chorale", "--data", chorales().toString(), "--output", out.toString());
        assertEquals(0, learnt.exitCode(), learnt.stderr());

        Decoding decoding = Preset.load(out).manifest().decoding();
        assertEquals(1.5, decoding.chordWeight());
        long beats = decoding.beatChords().stream().mapToLong(BeatChord::count).sum();
        assertEquals(2 * 2, beats, "two beats in each of the two training chorales");
        for (BeatChord chord : decoding.beatChords()) {
            assertEquals(3, Integer.bitCount(chord.parts()), "alto, tenor and bass; the muted soprano left out: "
                    + chord);
        }
        try (var bundled = Preset.class.getResourceAsStream("/dev/continuo/presets/chorale/" + Preset.WEIGHTS)) {
            assertArrayEquals(bundled.readAllBytes(), Files.readAllBytes(out.resolve(Preset.WEIGHTS)));
        }

        Path melody = dir.resolve("melody.mid");
        Part tune = new Part("Tune", 0, 0, 1, 32);
        int[] pitches = {67, 69, 71, 72, 74, 72, 71, 67};
        for (int i = 0; i < pitches.length; i++) {
            tune.addNote(new Note(pitches[i], 4 * i, 4, 100));
        }
        new MidiFileWriter().write(new PianoRoll(4, 32, List.of(tune), List.of(), List.of()), "Tune", melody);
        for (String name : List.of("a.mid", "b.mid")) {
            ContinuoProcess.Result generated = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP,
                    java.util.Map.of(), "generate", melody.toString(), "--preset", out.toString(), "--seed", "3",
                    "-o", dir.resolve(name).toString());
            assertEquals(0, generated.exitCode(), generated.stderr());
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.mid")), Files.readAllBytes(dir.resolve("b.mid")),
                "same seed, same file");
    }

    @Test
    void withAPathWeightThePresetAlsoGetsTheDataChordProgression() throws Exception {
        String c = "[76, 67, 64, 48]";
        String g = "[74, 71, 62, 43]";
        List<String> steps = new java.util.ArrayList<>();
        for (int bar = 0; bar < 4; bar++) {
            steps.addAll(java.util.Collections.nCopies(16, bar % 2 == 0 ? c : g));
        }
        Path file = dir.resolve("bars.json");
        Files.writeString(file, "{\"train\": [[" + String.join(", ", steps) + "]], \"valid\": [], \"test\": []}");
        Path out = dir.resolve("chorale-path");
        ContinuoProcess.Result learnt = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, java.util.Map.of(),
                "learn-chords", "--preset", "chorale", "--data", file.toString(), "--weight", "0", "--path-weight",
                "30", "--output", out.toString());
        assertEquals(0, learnt.exitCode(), learnt.stderr());

        Decoding decoding = Preset.load(out).manifest().decoding();
        assertTrue(decoding.followsProgression() && !decoding.voicesChords(), decoding.toString());
        int[] chords = decoding.progression().chords();
        assertEquals(2, chords.length, "alto, tenor and bass of each bar's chord");
        assertTrue(ChordPrior.rotate(chords[0], 7) == chords[1] || ChordPrior.rotate(chords[1], 7) == chords[0],
                "C and G major, a fifth apart in whichever key the preset hears them");
        assertEquals(3, decoding.progression().transitions()[0][0][1] + decoding.progression().transitions()[0][1][0],
                "three changes of chord, each on a bar's first beat");
    }

    @Test
    void thePresetListSaysHowEachBundledPresetsPartsChooseTheirPitches() throws Exception {
        ContinuoProcess.Result listed = ContinuoProcess.run(dir, "presets");
        assertEquals(0, listed.exitCode(), listed.stderr());
        List<String> blocks = List.of(listed.stdout().split("\\n\\s*\\n"));
        String chorale = blocks.stream().filter(b -> b.startsWith("chorale (bundled)")).findFirst().orElseThrow();
        String folk = blocks.stream().filter(b -> b.startsWith("folk (bundled)")).findFirst().orElseThrow();
        assertTrue(chorale.lines().anyMatch(line -> line.matches("  voicing: the parts choose their pitches together "
                + "by \\d+ learnt beat chords \\(weight 1\\.5\\)")), chorale);
        assertTrue(folk.lines().anyMatch(line -> line.matches("  voicing: the parts follow a chord path through \\d+ "
                + "learnt chords \\(model weight 3\\.0, voicing weight 30\\.0\\)")), folk);
    }

    @Test
    void anOccupiedOutputOrBadDataIsRefusedInOneLine() throws Exception {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve(Preset.MANIFEST), "{}");
        ContinuoProcess.Result taken = ContinuoProcess.run(dir, "learn-chords", "--preset", "chorale", "--data",
                chorales().toString(), "--output", out.toString());
        assertEquals(2, taken.exitCode(), taken.stderr());
        assertEquals(1, taken.stderr().strip().lines().count(), taken.stderr());
        assertTrue(taken.stderr().contains("holds a preset already"), taken.stderr());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"train\": 5}");
        ContinuoProcess.Result bad = ContinuoProcess.run(dir, "learn-chords", "--preset", "chorale", "--data",
                broken.toString(), "--output", dir.resolve("new").toString());
        assertEquals(2, bad.exitCode(), bad.stderr());
        assertEquals(1, bad.stderr().strip().lines().count(), bad.stderr());
        assertTrue(Files.notExists(dir.resolve("new")), "nothing written");
    }
}
