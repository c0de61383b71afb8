package dev.continuo.engine.data;

import dev.continuo.engine.roll.Note;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training set and a held-out set, from the JSB chorales JSON (train split, and the first chorales of the valid
 * split held out) or from a folder of MIDI files (every tenth file held out, see {@link MidiFolderDataset.Result};
 * the first {@value #HELD_OUT} of those are measured during training).
 *
 * @param training    examples to train on
 * @param heldOut     examples to measure samples on during training
 * @param description what the data is, for the preset manifest
 * @param license     the data's licence as far as Continuo knows it, for the preset manifest
 * @param skipped     files of a MIDI folder that were left out, with reasons
 */
public record TrainingData(List<Example> training, List<Example> heldOut, String description, String license,
        List<MidiFolderDataset.Skipped> skipped) {

    /** Held-out pieces measured at each checkpoint. */
    public static final int HELD_OUT = 16;

    /** The median sounding pitch of the training melodies (where generation centres a user's melody). */
    public int melodyMedian() {
        long[] histogram = new long[128];
        long total = 0;
        for (Example example : training) {
            for (var note : example.melody().notes()) {
                histogram[note.pitch()] += note.lengthSteps();
                total += note.lengthSteps();
            }
        }
        long seen = 0;
        for (int pitch = 0; pitch < 128; pitch++) {
            seen += histogram[pitch];
            if (2 * seen >= total) {
                return pitch;
            }
        }
        return 60;
    }

    /** The median length, in steps, of the training melodies' notes, rounded (0 without notes). */
    public int melodyNoteMedian() {
        return (int) Math.round(Note.medianLength(training.stream().flatMap(e -> e.melody().notes().stream())
                .toList()));
    }

    /**
     * For each of the first {@code parts} parts, the share of the steps it sounds on where it starts a note (0 where a
     * part never sounds).
     */
    public List<Double> onsetRates(int parts) {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            long onsets = 0;
            long sounding = 0;
            for (Example example : training) {
                if (i >= example.parts().size()) {
                    continue;
                }
                var part = example.parts().get(i);
                onsets += part.notes().size();
                for (int step = 0; step < part.steps(); step++) {
                    if (part.soundingCount(step) > 0) {
                        sounding++;
                    }
                }
            }
            rates.add(sounding == 0 ? 0 : Math.min(1.0, (double) onsets / sounding));
        }
        return rates;
    }

    /**
     * A name per generated part: the name the training pieces give that part when they all agree (the chorales'
     * voices, a split chord track's bass and voices), else "Part N".
     */
    public List<String> partNames(int parts) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            int index = i;
            List<String> seen = training.stream().map(e -> index < e.parts().size() ? e.parts().get(index).name()
                    : "").distinct().toList();
            names.add(seen.size() == 1 && !seen.get(0).isBlank() ? seen.get(0) : "Part " + (i + 1));
        }
        return names;
    }

    /**
     * Training data from a MIDI folder's examples: all the training ones, the first {@value #HELD_OUT} held-out ones
     * (or the first training example when none is held out).
     *
     * @param source     where the examples were read, for messages
     * @param folderName the MIDI folder's last name, for the description
     * @throws DatasetException if no example is left to train on
     */
    static TrainingData ofMidiFolder(Path source, String folderName, List<Example> training, List<Example> allHeldOut,
            List<MidiFolderDataset.Skipped> skipped) throws DatasetException {
        if (training.isEmpty()) {
            throw new DatasetException(source + ": none of the " + skipped.size() + " MIDI files could be used");
        }
        List<Example> heldOut = new ArrayList<>(allHeldOut.subList(0, Math.min(HELD_OUT, allHeldOut.size())));
        if (heldOut.isEmpty()) {
            heldOut.add(training.get(0));
        }
        return new TrainingData(List.copyOf(training), heldOut, "MIDI folder " + folderName + " (" + training.size()
                + " files)", "that of the training files (not checked by Continuo)", skipped);
    }

    /** Loads a JSB JSON file (its train split), a MIDI folder or a corpus prepared from one. */
    public static TrainingData load(Path path) throws DatasetException {
        return load(path, false);
    }

    /**
     * Loads a JSB JSON file, a MIDI folder or a corpus prepared from one ({@link ShardedCorpus}).
     *
     * @param withValid for the JSB file, learn the valid split too (the test split stays unseen): for a final
     *                  preset once its settings were chosen on the valid split; its first chorales are still the
     *                  ones measured during training, so those figures are then no longer held out
     */
    public static TrainingData load(Path path, boolean withValid) throws DatasetException {
        if (Files.isDirectory(path) && ShardedCorpus.isCorpus(path)) {
            return ShardedCorpus.load(path);
        }
        if (Files.isDirectory(path)) {
            MidiFolderDataset.Result result = new MidiFolderDataset().read(path);
            return ofMidiFolder(path, path.getFileName().toString(), result.training(), result.heldOut(),
                    result.skipped());
        }
        if (!Files.isRegularFile(path)) {
            throw new DatasetException(path + ": no such file or folder");
        }
        JsbChorales chorales = new JsbChorales();
        List<Example> training = new ArrayList<>(chorales.read(path, "train"));
        List<Example> valid = chorales.read(path, "valid");
        if (withValid) {
            training.addAll(valid);
        }
        return new TrainingData(training, valid.subList(0, Math.min(HELD_OUT, valid.size())),
                "JSB chorales, " + (withValid ? "train and valid splits" : "train split") + " (" + training.size()
                        + " chorales)",
                "public domain (J. S. Bach's chorales; the Coconet encoding)", List.of());
    }
}
