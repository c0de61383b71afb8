package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuo train} on a small folder of MIDI files, including a broken one, then resumed. */
class TrainCommandIT {

    @TempDir
    Path dir;

    private Path folder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("songs"));
        for (int song = 0; song < 4; song++) {
            Part melody = new Part("Lead", 0, 0, 1, 64);
            List<Part> parts = new ArrayList<>(List.of(melody));
            for (int p = 0; p < 3; p++) {
                parts.add(new Part("Part " + p, p + 1, 0, p + 2, 64));
            }
            for (int step = 0; step < 64; step += 4) {
                int pitch = 67 + song + (step / 4) % 5;
                melody.addNote(new Note(pitch, step, 4, 100));
                parts.get(1).addNote(new Note(pitch - 4, step, 4, 80));
                parts.get(2).addNote(new Note(pitch - 9, step, 4, 80));
                parts.get(3).addNote(new Note(pitch - 24, step, 4, 80));
            }
            new MidiFileWriter().write(new PianoRoll(4, 64, parts, List.of(), List.of()), "Song " + song,
                    folder.resolve("song" + song + ".mid"));
        }
        Files.write(folder.resolve("broken.mid"), new byte[] {'M', 'T', 'h', 'd', 0});
        return folder;
    }

    private String[] trainArguments(Path folder, int iterations, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", folder.toString(), "--preset", "mine",
                "--output", dir.resolve("preset").toString(), "--iterations", String.valueOf(iterations),
                "--checkpoint-every", "1", "--batch", "4", "--update-ratio", "1", "--reconstruction-weight", "10"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private ContinuoProcess.Result train(Path folder, int iterations, String... extra) throws Exception {
        return ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(), trainArguments(folder, iterations,
                extra));
    }

    @Test
    void stoppingTheProcessSavesACheckpointAndThePreset() throws Exception {
        Path folder = folder();
        Path csv = dir.resolve("preset/checkpoints/training.csv");
        Process process = ContinuoProcess.start(dir, ContinuoProcess.MODEL_HEAP, Map.of(), dir.resolve("out.txt"),
                dir.resolve("err.txt"), trainArguments(folder, 100_000));
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (!(Files.exists(csv) && Files.readAllLines(csv).size() >= 2) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.exists(csv), "training started");
        process.destroy(); // SIGTERM, as Ctrl-C or a service manager would send
        assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "stopped within two minutes");
        assertTrue(Files.exists(dir.resolve("preset").resolve(Preset.MANIFEST)),
                () -> "preset written on stop; stderr: " + readQuietly(dir.resolve("err.txt")));
        Preset preset = Preset.load(dir.resolve("preset"));
        int iterations = preset.manifest().training().iterations();
        assertTrue(iterations >= 1 && iterations < 100_000, "stopped early at " + iterations);
        assertEquals(iterations, dev.continuo.engine.training.Checkpoint.read(dir.resolve("preset/checkpoints"))
                .iteration(), "the checkpoint matches the preset");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void trainsAPresetFromAMidiFolderSkippingBrokenFilesAndResumes() throws Exception {
        Path folder = folder();
        ContinuoProcess.Result first = train(folder, 2);
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(first.stderr().contains("Skipped " + folder.resolve("broken.mid") + ": truncated header"),
                first.stderr());
        Path checkpoints = dir.resolve("preset/checkpoints");
        assertEquals(3, Files.readAllLines(checkpoints.resolve("training.csv")).size(), "header + 2 rows");
        assertTrue(Files.exists(checkpoints.resolve("losses.png")));
        assertTrue(Files.exists(checkpoints.resolve("metrics.png")));
        assertTrue(Files.readAllLines(checkpoints.resolve("training.csv")).get(0).endsWith(",similarity_index"));
        double similarity = Double.parseDouble(Files.readAllLines(checkpoints.resolve("training.csv")).get(2)
                .replaceFirst(".*,", ""));
        assertTrue(similarity >= 0 && similarity <= 1, "similarity index " + similarity);
        assertEquals(2, Files.readAllLines(checkpoints.resolve("reference.csv")).size(), "header + the real figures");
        for (int iteration = 1; iteration <= 2; iteration++) {
            PianoRoll sample = new MidiFileReader().read(checkpoints.resolve("samples")
                    .resolve(String.format("iteration-%06d.mid", iteration)));
            assertTrue(sample.parts().size() >= 2, "the held-out melody and its generated parts");
        }
        Preset preset = Preset.load(dir.resolve("preset"));
        assertEquals("mine", preset.manifest().name());
        assertEquals(2, preset.manifest().training().iterations());

        ContinuoProcess.Result resumed = train(folder, 3, "--resume");
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertTrue(resumed.stderr().contains("Resuming from iteration 2"), resumed.stderr());
        assertEquals(4, Files.readAllLines(checkpoints.resolve("training.csv")).size(), "one more row");
        assertEquals(3, Preset.load(dir.resolve("preset")).manifest().training().iterations());
    }

    @Test
    void anEarlierRunIsNeitherOverwrittenWithoutForceNorContinuedWithDuplicateRowsAfterAKill() throws Exception {
        Path folder = folder();
        Path checkpoints = dir.resolve("preset/checkpoints");
        Path csv = checkpoints.resolve("training.csv");
        Process process = ContinuoProcess.start(dir, ContinuoProcess.MODEL_HEAP, Map.of(), dir.resolve("out.txt"),
                dir.resolve("err.txt"), trainArguments(folder, 100_000));
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (!(Files.exists(csv) && Files.readAllLines(csv).size() >= 3) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        process.destroyForcibly(); // kill -9: no shutdown hook, no last checkpoint
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        int checkpoint = dev.continuo.engine.training.Checkpoint.read(checkpoints).iteration();
        assertTrue(checkpoint >= 1, "a checkpoint was written before the kill");
        // As if the kill came between a row and its checkpoint, and during a write.
        List<String> rows = Files.readAllLines(csv);
        Files.writeString(csv, rows.get(rows.size() - 1).replaceFirst("^\\d+", String.valueOf(checkpoint + 1))
                + "\n", java.nio.file.StandardOpenOption.APPEND);
        Path leftover = Files.write(checkpoints.resolve(".checkpoint.json.0f3c2a1e-5b7d-4c9e-8a6f-1d2e3f4a5b6c.tmp"),
                new byte[] {1});
        List<String> before = Files.readAllLines(csv);

        ContinuoProcess.Result again = train(folder, checkpoint + 2);
        assertEquals(2, again.exitCode(), again.stderr());
        assertEquals("ERROR: " + checkpoints.resolve("checkpoint.json") + " is there from an earlier run: add"
                + " --resume to continue it, or --force to start over and replace it", again.stderr().strip());
        assertEquals(before, Files.readAllLines(csv), "training.csv untouched");

        ContinuoProcess.Result resumed = train(folder, checkpoint + 2, "--resume");
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        List<String> iterations = Files.readAllLines(csv).stream().skip(1).map(line -> line.split(",")[0]).toList();
        assertEquals(java.util.stream.IntStream.rangeClosed(1, checkpoint + 2).mapToObj(String::valueOf).toList(),
                iterations, "every checkpoint's row once");
        assertTrue(Files.notExists(leftover), "the killed run's temporary file is removed");

        ContinuoProcess.Result over = train(folder, 1, "--force");
        assertEquals(0, over.exitCode(), over.stderr());
        assertEquals(2, Files.readAllLines(csv).size(), "started over: header + 1 row");
        assertEquals(1, Preset.load(dir.resolve("preset")).manifest().training().iterations());
    }

    @Test
    void aBatchTooLargeForTheMemoryIsRefusedBeforeTrainingWithTheLargestThatFits() throws Exception {
        ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(), "train",
                "--data", folder().toString(), "--preset", "mine", "--output", dir.resolve("preset").toString(),
                "--batch", "1000000");
        assertEquals(2, result.exitCode(), result.stderr());
        String line = result.stderr().strip();
        assertTrue(line.matches("ERROR: --batch 1000000 needs about [0-9.]+ GB of memory with the compact"
                + " architecture, more than the [0-9.]+ GB this process may use .*: the largest batch that fits is"
                + " [1-9][0-9]*"), line);
        assertTrue(Files.notExists(dir.resolve("preset")), "nothing written");
    }

    /** Folk-style tunes: a melody track and one track of block chords, as in the Nottingham database. */
    private Path chordFolder(int tunes) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("tunes"));
        for (int tune = 0; tune < tunes; tune++) {
            Part melody = new Part("Melody", 0, 73, 0, 64);
            Part chords = new Part("Chords", 1, 0, 1, 64);
            for (int step = 0; step < 64; step += 4) {
                melody.addNote(new Note(72 + tune % 5 + (step / 4) % 4, step, 4, 100));
            }
            for (int step = 0; step < 64; step += 16) {
                int root = 48 + tune % 5 + (step == 32 ? 5 : 0);
                for (int pitch : new int[] {root, root + 4, root + 7}) {
                    chords.addNote(new Note(pitch, step, 16, 70));
                }
            }
            new MidiFileWriter().write(new PianoRoll(4, 64, List.of(melody, chords), List.of(), List.of()),
                    "Tune " + tune, folder.resolve(String.format("tune%02d.mid", tune)));
        }
        return folder;
    }

    @Test
    void aFolderOfChordTracksGivesABassAndThreeVoicesAndIsEvaluatedOnItsHeldOutTunes() throws Exception {
        Path folder = chordFolder(20);
        ContinuoProcess.Result trained = train(folder, 2, "--programs", "33,26,26,26", "--data-name",
                "Twenty test tunes", "--license", "CC0");
        assertEquals(0, trained.exitCode(), trained.stderr());
        assertTrue(trained.stderr().contains("18 files"), "every tenth tune is held out: " + trained.stderr());
        Preset preset = Preset.load(dir.resolve("preset"));
        assertEquals(List.of("Bass", "Chord high", "Chord middle", "Chord low"),
                preset.manifest().parts().stream().map(dev.continuo.engine.preset.PartSpec::name).toList());
        assertEquals(List.of(32, 25, 25, 25),
                preset.manifest().parts().stream().map(dev.continuo.engine.preset.PartSpec::program).toList());
        assertEquals("Twenty test tunes", preset.manifest().training().data());
        assertEquals("CC0", preset.manifest().training().license());
        Map<String, Double> metrics = preset.manifest().metrics();
        assertTrue(metrics.keySet().containsAll(List.of("voicing_alone", "voicing_beat_chords",
                "voicing_chord_path")), "how the parts choose their pitches was measured: " + metrics);
        assertTrue(trained.stderr().contains("The parts choose their pitches by"), trained.stderr());
        Decoding decoding = preset.manifest().decoding();
        assertFalse(decoding.voicesChords() && decoding.followsProgression(), "one of the three, not both");

        ContinuoProcess.Result evaluated = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(),
                "evaluate", "--dataset", folder.toString(), "--preset", dir.resolve("preset").toString());
        assertEquals(0, evaluated.exitCode(), evaluated.stderr());
        assertTrue(evaluated.stdout().contains("2 melodies of the heldout split"), evaluated.stdout());
        assertTrue(evaluated.stdout().contains("reference = the real accompaniment (the files' other parts)"),
                evaluated.stdout());
        assertTrue(evaluated.stdout().lines().anyMatch(line -> line.startsWith("chord_agreement")
                && line.trim().split("\\s+")[1].equals("1.000")), "the reference agrees with itself: "
                + evaluated.stdout());

        ContinuoProcess.Result badSplit = ContinuoProcess.run(dir, ContinuoProcess.SMALL_HEAP, Map.of(),
                "evaluate", "--dataset", folder.toString(), "--split", "valid", "--preset", "none");
        assertEquals(2, badSplit.exitCode(), badSplit.stderr());
        assertTrue(badSplit.stderr().contains("heldout, train and all"), badSplit.stderr());
    }
}
