package dev.continuo.bridge.studio;

import dev.continuo.engine.metrics.Key;
import dev.continuo.engine.metrics.KeyEstimator;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A piano roll as the page draws and plays it (serialized to JSON by Jackson).
 *
 * @param steps        length in sixteenths
 * @param stepsPerBeat steps per quarter note (4)
 * @param bpm          the tempo at the start
 * @param barStarts    the first step of every bar
 * @param key          the melody's estimated key, e.g. "G major"
 * @param scale        the pitch classes (0 = C) of that key's scale, which the page shades
 * @param parts        the melody first, then the generated parts
 */
public record RollView(int steps, int stepsPerBeat, double bpm, int[] barStarts, String key, int[] scale,
        List<PartView> parts) {

    /**
     * One part.
     *
     * @param name    track name
     * @param channel MIDI channel counted from 0
     * @param program General MIDI program 0-127
     * @param notes   each note as [pitch, start step, length in steps, velocity]
     */
    public record PartView(String name, int channel, int program, int[][] notes) {
    }

    /** The view of a roll whose first part is the melody. */
    public static RollView of(PianoRoll roll) {
        Key key = new KeyEstimator().estimate(roll.part(0));
        List<PartView> parts = roll.parts().stream().map(RollView::partView).toList();
        int[] scale = IntStream.range(0, 12).filter(key::inScale).toArray();
        return new RollView(roll.steps(), roll.stepsPerBeat(), roll.tempos().get(0).bpm(), roll.barStarts(),
                key.toString(), scale, parts);
    }

    private static PartView partView(Part part) {
        int[][] notes = part.notes().stream()
                .map(note -> new int[] {note.pitch(), note.startStep(), note.lengthSteps(), note.velocity()})
                .toArray(int[][]::new);
        return new PartView(part.name(), part.channel(), part.program(), notes);
    }
}
