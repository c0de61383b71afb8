package dev.continuo.engine.roll;

/**
 * One note on the step grid.
 *
 * @param pitch       MIDI pitch, 0–127
 * @param startStep   first step the note sounds on
 * @param lengthSteps number of steps it sounds, at least 1
 * @param velocity    MIDI velocity, 1–127
 */
public record Note(int pitch, int startStep, int lengthSteps, int velocity) {

    public Note {
        if (pitch < 0 || pitch >= PianoRoll.PITCHES) {
            throw new IllegalArgumentException("pitch out of range 0..127: " + pitch);
        }
        if (startStep < 0) {
            throw new IllegalArgumentException("negative start step: " + startStep);
        }
        if (lengthSteps < 1) {
            throw new IllegalArgumentException("length must be at least one step: " + lengthSteps);
        }
        if (velocity < 1 || velocity > 127) {
            throw new IllegalArgumentException("velocity out of range 1..127: " + velocity);
        }
    }

    /** The first step after the note. */
    public int endStep() {
        return startStep + lengthSteps;
    }

    /** The median length in steps of these notes (the mean of the middle two for an even count), or 0 for none. */
    public static double medianLength(java.util.Collection<Note> notes) {
        int[] lengths = notes.stream().mapToInt(Note::lengthSteps).sorted().toArray();
        if (lengths.length == 0) {
            return 0;
        }
        int middle = lengths.length / 2;
        return lengths.length % 2 == 1 ? lengths[middle] : (lengths[middle - 1] + lengths[middle]) / 2.0;
    }
}
