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
 * that do not fit are skipped with the reason, never fatal. A file whose only other part is a chord track (block
 * chords, as in the Nottingham folk tunes) gets that track split into a bass and three chord voices
 * ({@link ChordSplitter}).
 */
public final class MidiFolderDataset {

    /** A file left out, and why. */
    public record Skipped(Path file, String reason) {
    }

    /**
     * The examples read and the files skipped. Every tenth usable file (the 10th, 20th, … in name order) is held
     * out of training, so that {@code continuo evaluate} can measure a preset on tunes it never saw.
     */
    public record Result(List<Example> examples, List<Skipped> skipped) {

        /** The examples to train on: all but every tenth. */
        public List<Example> training() {
            return split(false);
        }

        /** Every tenth example, never trained on. */
        public List<Example> heldOut() {
            return split(true);
        }

        private List<Example> split(boolean heldOut) {
            List<Example> chosen = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                if (isHeldOut(i) == heldOut) {
                    chosen.add(examples.get(i));
                }
            }
            return chosen;
        }
    }

    /** One file in this many is held out. */
    public static final int HOLD_OUT_EVERY = 10;

    /** True if the usable file at this index (counted from 0 in name order) is held out of training. */
    public static boolean isHeldOut(long usableIndex) {
        return usableIndex % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1;
    }

    private final MidiFileReader reader = new MidiFileReader();
    private final MelodySelector selector = new MelodySelector();
    private final ChordSplitter chords = new ChordSplitter();

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
                examples.add(example(file.toString(), reader.read(file)));
            } catch (BadMidiFileException e) {
                skipped.add(new Skipped(file, e.problem()));
            } catch (IllegalArgumentException e) {
                skipped.add(new Skipped(file, e.getMessage()));
            }
        }
        return new Result(examples, skipped);
    }

    /**
     * The example a file's piano roll gives: its melody and up to four other parts, or its chord track split.
     *
     * @param name where the roll came from, for messages
     * @throws IllegalArgumentException with the reason to skip it, if the roll has no parts to learn from
     */
    public Example example(String name, PianoRoll roll) {
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
        if (others.size() == 1 && ChordSplitter.isChordTrack(others.get(0))) {
            return new Example(name, roll.part(melody.partIndex()), chords.split(others.get(0)));
        }
        others.sort(Comparator.comparingDouble(MidiFolderDataset::meanPitch).reversed());
        return new Example(name, roll.part(melody.partIndex()),
                others.subList(0, Math.min(Architecture.TRACKS, others.size())));
    }

    private static double meanPitch(Part part) {
        return part.notes().stream().mapToInt(Note::pitch).average().orElse(0);
    }
}
