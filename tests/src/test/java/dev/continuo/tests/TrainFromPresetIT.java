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

/** {@code continuo train --from PRESET}: fine-tuning a preset's generator on a folder of MIDI files. */
class TrainFromPresetIT {

    @TempDir
    Path dir;

    private Path songs() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("songs"));
        for (int song = 0; song < 3; song++) {
            List<Part> parts = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                parts.add(new Part("Part " + p, p, 0, p + 1, 64));
            }
            for (int step = 0; step < 64; step += 4) {
                int pitch = 67 + song + (step / 4) % 5;
                for (int p = 0; p < 4; p++) {
                    parts.get(p).addNote(new Note(pitch - new int[] {0, 4, 9, 24}[p], step, 4, 90));
                }
            }
            new MidiFileWriter().write(new PianoRoll(4, 64, parts, List.of(), List.of()), "Song " + song,
                    folder.resolve("song" + song + ".mid"));
        }
        return folder;
    }

    private ContinuoProcess.Result train(Path songs, String output, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--data", songs.toString(), "--preset", output,
                "--output", dir.resolve(output).toString(), "--iterations", "1", "--checkpoint-every", "1",
                "--batch", "2", "--update-ratio", "1", "--reconstruction-weight", "10"));
        args.addAll(List.of(extra));
        return ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(), args.toArray(String[]::new));
    }

    @Test
    void aPresetFineTunedFromAnotherKeepsItsArchitectureAndMayTrainOnLongerWindows() throws Exception {
        Path songs = songs();
        ContinuoProcess.Result first = train(songs, "first", "--no-onsets");
        assertEquals(0, first.exitCode(), first.stderr());

        ContinuoProcess.Result tuned = train(songs, "tuned", "--from", dir.resolve("first").toString(),
                "--window", "64");
        assertEquals(0, tuned.exitCode(), tuned.stderr());
        var original = Preset.load(dir.resolve("first")).manifest().architecture();
        var fineTuned = Preset.load(dir.resolve("tuned")).manifest().architecture();
        assertEquals(original.withWindowSteps(64), fineTuned, "the preset's architecture (no onsets), a longer window");

        ContinuoProcess.Result missing = train(songs, "other", "--from", dir.resolve("nowhere").toString());
        assertEquals(2, missing.exitCode(), missing.stderr());
        assertEquals(1, missing.stderr().strip().lines().count(), missing.stderr());
        assertTrue(Files.notExists(dir.resolve("other")), "nothing written");
    }
}
