package dev.continuo.engine.evaluation;

import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;

/**
 * A melody to accompany in an evaluation, on a grid of sixteenths, with its meter and its real accompaniment where
 * one is known.
 *
 * @param name      where it came from, for tables and messages
 * @param melody    the melody
 * @param reference the real accompaniment's parts, or none
 * @param meter     the meter throughout (bars and counted pulses follow it)
 */
public record EvaluationPiece(String name, Part melody, List<Part> reference, Meter meter) {

    public EvaluationPiece {
        reference = List.copyOf(reference);
        for (Part part : reference) {
            if (part.steps() != melody.steps()) {
                throw new IllegalArgumentException(name + ": the reference differs in length from the melody");
            }
        }
    }

    public int steps() {
        return melody.steps();
    }

    public boolean hasReference() {
        return !reference.isEmpty();
    }

    /** First step of every bar. */
    public int[] barStarts() {
        return grid().barStarts();
    }

    /** First step of every counted pulse (quarters in 4/4 and 3/4, dotted quarters in 6/8). */
    public int[] pulseStarts() {
        return grid().pulseStarts();
    }

    private PianoRoll grid() {
        return new PianoRoll(PianoRoll.DEFAULT_STEPS_PER_BEAT, steps(), List.of(), List.of(),
                List.of(new MeterChange(0, meter)));
    }
}
