package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import dev.continuo.engine.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuo generate} and {@code continuo presets} in their own JVM, with a small preset made here. */
class GenerateCommandIT {

    @TempDir
    Path dir;

    /** A two-track file: a bass on track 1, the tune (in 3/4, G major) on track 2. */
    private Path song() throws Exception {
        Part bass = new Part("Bass", 1, 32, 1, 48);
        Part tune = new Part("Flute", 0, 73, 2, 48);
        int[] pitches = {79, 81, 83, 84, 83, 81, 79, 78, 76, 74, 76, 79};
        for (int i = 0; i < pitches.length; i++) {
            tune.addNote(new Note(pitches[i], 4 * i, 4, 100));
        }
        for (int bar = 0; bar < 4; bar++) {
            bass.addNote(new Note(43, 12 * bar, 12, 80));
        }
        PianoRoll roll = new PianoRoll(4, 48, List.of(bass, tune), List.of(new TempoChange(0, 500_000)),
                List.of(new MeterChange(0, new Meter(3, 4))));
        Path file = dir.resolve("song.mid");
        new MidiFileWriter().write(roll, "Song", file);
        return file;
    }

    private Path tinyPreset() throws Exception {
        Path presetDir = dir.resolve("presets").resolve("tiny");
        TinyModels.preset(5).save(presetDir);
        return presetDir;
    }

    @Test
    void generateWritesTheMelodyUnchangedAndFourPartsOnChannelsTwoToFive() throws Exception {
        Path song = song();
        Path out = dir.resolve("out.mid");
        ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(), "generate",
                song.toString(), "--preset", tinyPreset().toString(), "--melody-track", "2", "--threshold", "-0.5",
                "-o", out.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("Wrote " + out), result.stderr());

        PianoRoll input = new MidiFileReader().read(song);
        PianoRoll output = new MidiFileReader().read(out);
        assertEquals(5, output.parts().size());
        assertEquals(input.part(1).notes(), output.part(0).notes(), "the melody is unchanged");
        assertEquals(input.meters(), output.meters());
        assertEquals(input.tempos(), output.tempos());
        List<String> names = List.of("One", "Two", "Three", "Four");
        for (int p = 1; p <= 4; p++) {
            assertEquals(p, output.part(p).channel(), "channel " + (p + 1));
            assertEquals(names.get(p - 1), output.part(p).name());
        }
    }

    @Test
    void mixFlagsMuteMoveAndVoicePartsWithoutChangingTheNotesChosen() throws Exception {
        Path song = song();
        Path preset = tinyPreset();
        Path plain = dir.resolve("plain.mid");
        Path mixed = dir.resolve("mixed.mid");
        List<String> common = List.of("generate", song.toString(), "--preset", preset.toString(), "--melody-track",
                "2", "--threshold", "-0.5", "--seed", "3");
        ContinuoProcess.Result first = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(),
                concat(common, "-o", plain.toString()));
        assertEquals(0, first.exitCode(), first.stderr());
        ContinuoProcess.Result second = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(),
                concat(common, "--mute", "two", "--octave", "Four=-1", "--velocity", "3=100", "-o",
                        mixed.toString()));
        assertEquals(0, second.exitCode(), second.stderr());

        Map<String, List<Note>> before = partsByName(new MidiFileReader().read(plain));
        Map<String, List<Note>> after = partsByName(new MidiFileReader().read(mixed));
        assertFalse(before.get("Two").isEmpty(), "the test needs notes in part Two");
        assertTrue(after.getOrDefault("Two", List.of()).isEmpty(), "part Two is muted");
        assertEquals(before.get("One"), after.get("One"));
        assertEquals(before.get("Three").stream().map(n -> new Note(n.pitch(), n.startStep(), n.lengthSteps(), 100))
                .toList(), after.get("Three"));
        assertEquals(before.get("Four").stream().map(n -> new Note(n.pitch() - 12, n.startStep(), n.lengthSteps(),
                n.velocity())).toList(), after.get("Four"));

        ContinuoProcess.Result bad = ContinuoProcess.run(dir, ContinuoProcess.SMALL_HEAP, Map.of(),
                concat(common, "--mute", "nine", "-o", mixed.toString()));
        assertEquals(2, bad.exitCode(), bad.stderr());
        assertTrue(bad.stderr().contains("has no part \"nine\" (parts: 1-4 or One, Two, Three, Four)"),
                bad.stderr());
    }

    private static String[] concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Map<String, List<Note>> partsByName(PianoRoll roll) {
        Map<String, List<Note>> parts = new java.util.HashMap<>();
        roll.parts().forEach(part -> parts.put(part.name(), part.notes().stream()
                .sorted(java.util.Comparator.comparingInt(Note::startStep).thenComparingInt(Note::pitch)).toList()));
        return parts;
    }

    @Test
    void aDamagedPresetIsBadInputWithOneLine() throws Exception {
        Path preset = tinyPreset();
        byte[] weights = Files.readAllBytes(preset.resolve(Preset.WEIGHTS));
        Files.write(preset.resolve(Preset.WEIGHTS), java.util.Arrays.copyOf(weights, weights.length / 2));
        ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(), "generate",
                song().toString(), "--preset", preset.toString());
        assertEquals(2, result.exitCode(), result.stderr());
        assertEquals(1, result.stderrLines().size(), result.stderr());
        assertTrue(result.stderr().contains("checksum mismatch"), result.stderr());
    }

    @Test
    void presetsListsTheUsersPresets() throws Exception {
        Path presets = tinyPreset().getParent();
        Path dataHome = Files.createDirectories(dir.resolve("data/continuo"));
        Files.move(presets, dataHome.resolve("presets"));
        ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP,
                Map.of("XDG_DATA_HOME", dir.resolve("data").toString()), "presets");
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("tiny ("), result.stdout());
        assertTrue(result.stdout().contains("parts: One (ch 2, GM program 20)"), result.stdout());
        assertFalse(result.stdout().contains("[hides the bundled"), result.stdout());
    }

    @Test
    void presetsSaysWhenAUserPresetHidesABundledOne() throws Exception {
        Path presets = tinyPreset().getParent();
        Files.move(presets.resolve("tiny"), presets.resolve("folk"));
        Path dataHome = Files.createDirectories(dir.resolve("data/continuo"));
        Files.move(presets, dataHome.resolve("presets"));
        ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP,
                Map.of("XDG_DATA_HOME", dir.resolve("data").toString()), "presets");
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("[hides the bundled preset of this name]"), result.stdout());
        assertTrue(result.stdout().contains("chorale (bundled)"), result.stdout());
    }

    @Test
    void variationsWriteOneFileAndPicturePerSeedEachAsItsSeedAlone() throws Exception {
        Path song = song();
        Path preset = tinyPreset();
        Path out = dir.resolve("take.mid");
        ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(), "generate",
                song.toString(), "--preset", preset.toString(), "--melody-track", "2", "--threshold", "-0.5",
                "--seed", "7", "--variations", "3", "--png", "-o", out.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        Path single = dir.resolve("single.mid");
        assertEquals(0, ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(), "generate", song.toString(),
                "--preset", preset.toString(), "--melody-track", "2", "--threshold", "-0.5", "--seed", "8", "-o",
                single.toString()).exitCode());
        List<List<Note>> takes = new java.util.ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            Path take = dir.resolve("take-" + n + ".mid");
            assertTrue(Files.size(dir.resolve("take-" + n + ".png")) > 0, "a piano roll beside " + take);
            PianoRoll roll = new MidiFileReader().read(take);
            takes.add(roll.parts().stream().skip(1).flatMap(p -> p.notes().stream()).toList());
        }
        PianoRoll alone = new MidiFileReader().read(single);
        assertEquals(alone.parts().stream().skip(1).flatMap(p -> p.notes().stream()).toList(), takes.get(1),
                "variation 2 is seed 7 + 1");
        assertFalse(takes.get(0).equals(takes.get(2)), "other seeds, other parts");
        assertFalse(Files.exists(out), "with variations there is no unnumbered file");
    }

    @Test
    void theFolkPresetFollowingItsChordPathsGivesTheSameFileForTheSameSeedAtEveryDensity() throws Exception {
        Path song = song();
        for (String density : List.of("0", "0.5")) {
            List<byte[]> files = new java.util.ArrayList<>();
            for (String name : List.of("a", "b")) {
                Path out = dir.resolve("folk-" + density + "-" + name + ".mid");
                ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(),
                        "generate", song.toString(), "--preset", "folk", "--melody-track", "2", "--density", density,
                        "--seed", "5", "-o", out.toString());
                assertEquals(0, result.exitCode(), result.stderr());
                files.add(Files.readAllBytes(out));
            }
            assertArrayEquals(files.get(0), files.get(1), "density " + density);
        }
    }
}
