package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.midi.MidiFileWriter;
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
        Preset preset = Preset.load(dir.resolve("preset"));
        assertEquals("mine", preset.manifest().name());
        assertEquals(2, preset.manifest().training().iterations());

        ContinuoProcess.Result resumed = train(folder, 3, "--resume");
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertTrue(resumed.stderr().contains("Resuming from iteration 2"), resumed.stderr());
        assertEquals(4, Files.readAllLines(checkpoints.resolve("training.csv")).size(), "one more row");
        assertEquals(3, Preset.load(dir.resolve("preset")).manifest().training().iterations());
    }
}
