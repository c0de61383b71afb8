package dev.continuo.engine.evaluation;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.TimeScaling;

/**
 * Pieces moved to another key or played at another speed, melody and reference alike, to see whether an
 * accompaniment holds up away from the keys and tempi of its training data. Stateless.
 */
public final class Variations {

    private Variations() {
    }

    /** The piece moved by {@code semitones} (notes pushed out of the MIDI range are dropped). */
    public static EvaluationPiece transposed(EvaluationPiece piece, int semitones) {
        return new EvaluationPiece(piece.name() + " " + (semitones >= 0 ? "+" : "") + semitones,
                transposed(piece.melody(), semitones),
                piece.reference().stream().map(p -> transposed(p, semitones)).toList(), piece.meter());
    }

    /** The piece at half speed: every start and duration doubled. */
    public static EvaluationPiece halfSpeed(EvaluationPiece piece) {
        return new EvaluationPiece(piece.name() + " half speed", scaled(piece.melody(), 2, 1),
                piece.reference().stream().map(p -> scaled(p, 2, 1)).toList(), piece.meter());
    }

    /** The piece at double speed: starts halved, durations halved (at least a sixteenth). */
    public static EvaluationPiece doubleSpeed(EvaluationPiece piece) {
        return new EvaluationPiece(piece.name() + " double speed", scaled(piece.melody(), 1, 2),
                piece.reference().stream().map(p -> scaled(p, 1, 2)).toList(), piece.meter());
    }

    private static Part transposed(Part part, int semitones) {
        Part moved = new Part(part.name(), part.channel(), part.program(), part.sourceTrack(), part.steps());
        for (Note note : part.notes()) {
            int pitch = note.pitch() + semitones;
            if (pitch >= 0 && pitch < 128) {
                moved.addNote(new Note(pitch, note.startStep(), note.lengthSteps(), note.velocity()));
            }
        }
        return moved;
    }

    private static Part scaled(Part part, int numerator, int denominator) {
        return TimeScaling.scaled(part, numerator, denominator);
    }
}
