package dev.continuo.engine.roll;

/**
 * A part played faster or slower on the same grid: every note's start and length multiplied by
 * {@code numerator / denominator} (rounded down, at least one step). Notes that start past the new end are dropped,
 * notes running past it are cut. Stateless.
 */
public final class TimeScaling {

    private TimeScaling() {
    }

    /** The part scaled in time, {@code steps} long. */
    public static Part scaled(Part part, int numerator, int denominator, int steps) {
        if (numerator < 1 || denominator < 1) {
            throw new IllegalArgumentException("time scale must be positive: " + numerator + "/" + denominator);
        }
        Part scaled = new Part(part.name(), part.channel(), part.program(), part.sourceTrack(), steps);
        for (Note note : part.notes()) {
            int start = note.startStep() * numerator / denominator;
            int length = Math.max(1, note.lengthSteps() * numerator / denominator);
            if (start < steps) {
                scaled.addNote(new Note(note.pitch(), start, length, note.velocity()));
            }
        }
        return scaled;
    }

    /** The part scaled in time, as long as its own length scaled (rounded up). */
    public static Part scaled(Part part, int numerator, int denominator) {
        return scaled(part, numerator, denominator, (part.steps() * numerator + denominator - 1) / denominator);
    }
}
