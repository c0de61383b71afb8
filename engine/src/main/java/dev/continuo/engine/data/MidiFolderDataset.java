package dev.continuo.engine.data;

import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.midi.MelodySelector;
import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Training examples from an ordinary folder of multitrack MIDI files: per file the melody is chosen as
 * {@code continuo evaluate} chooses it, and the other pitched parts, highest first, become up to four parts. Files
 * that do not fit are skipped with the reason, never fatal.
 */
public final class MidiFolderDataset {

    /** A file left out, and why. */
    public record Skipped(Path file, String reason) {
    }

    /** The examples read and the files skipped. */
    public record Result(List<Example> examples, List<Skipped> skipped) {
    }

    private final MidiFileReader reader = new MidiFileReader();
    private final MelodySelector selector = new MelodySelector();

    /** Reads every *.mid and *.midi file under the folder, in name order. */
    public Result read(Path folder) throws DatasetException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.midi?$"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(folder + ": cannot list MIDI files (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new DatasetException(folder + ": no .mid files found");
        }
        List<Example> examples = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path file : files) {
            try {
                examples.add(example(file, reader.read(file)));
            } catch (BadMidiFileException e) {
                skipped.add(new Skipped(file, e.problem()));
            } catch (IllegalArgumentException e) {
                skipped.add(new Skipped(file, e.getMessage()));
            }
        }
        return new Result(examples, skipped);
    }

    private Example example(Path file, PianoRoll roll) {
        MelodySelection melody = selector.choose(roll);
        List<Part> others = new ArrayList<>();
        for (int i = 0; i < roll.parts().size(); i++) {
            Part part = roll.part(i);
            if (i != melody.partIndex() && !part.isPercussion() && !part.notes().isEmpty()) {
                others.add(part);
            }
        }
        if (others.isEmpty()) {
            throw new IllegalArgumentException("has only a melody, no parts to learn from");
        }
        others.sort(Comparator.comparingDouble(MidiFolderDataset::meanPitch).reversed());
        return new Example(file.toString(), roll.part(melody.partIndex()),
                others.subList(0, Math.min(Architecture.TRACKS, others.size())));
    }

    private static double meanPitch(Part part) {
        return part.notes().stream().mapToInt(Note::pitch).average().orElse(0);
    }
}
