package dev.continuo.bridge.studio;

import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.midi.MelodySelector;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;

/**
 * The melody of an opened MIDI file, as the page edits it: on the sixteenth grid, cut to
 * {@link GenerateRequest#MAX_STEPS}.
 *
 * @param steps       length in sixteenths
 * @param bpm         the tempo at the start
 * @param beatsPerBar quarter notes per bar of the first meter (4 when it is not in quarters)
 * @param notes       each note as [pitch, start, length, velocity]
 * @param reason      which track was taken as the melody, and why
 */
public record MelodyView(int steps, double bpm, int beatsPerBar, int[][] notes, String reason) {

    /** The melody {@link MelodySelector} picks in a roll read on the sixteenth grid. */
    public static MelodyView of(PianoRoll roll) {
        MelodySelection selection = new MelodySelector().choose(roll);
        int steps = Math.max(1, Math.min(roll.steps(), GenerateRequest.MAX_STEPS));
        List<Note> notes = roll.part(selection.partIndex()).notes().stream().filter(n -> n.startStep() < steps)
                .toList();
        Meter meter = roll.meters().get(0).meter();
        int beatsPerBar = meter.denominator() == 4 ? meter.numerator() : 4;
        int[][] cells = notes.stream()
                .map(n -> new int[] {n.pitch(), n.startStep(), Math.min(n.lengthSteps(), steps - n.startStep()),
                    n.velocity()})
                .toArray(int[][]::new);
        return new MelodyView(steps, roll.tempos().get(0).bpm(), beatsPerBar, cells, selection.reason());
    }
}
