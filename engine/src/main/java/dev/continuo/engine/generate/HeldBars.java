package dev.continuo.engine.generate;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;

/**
 * Gives every bar in which the melody sounds a new accompaniment note, as a player keeps time under a long chord:
 * where no part starts a note in such a bar, the notes held into its first step are struck again there, on the same
 * pitches, so the harmony stays as the model wrote it. A bar into which nothing is held stays as it is. Stateless.
 */
final class HeldBars {

    private HeldBars() {
    }

    /**
     * Rewrites the parts in place.
     *
     * @param barStarts first step of each bar, ascending
     */
    static void restrike(List<Part> parts, Part melody, int[] barStarts) {
        for (int bar = 0; bar < barStarts.length; bar++) {
            int start = barStarts[bar];
            int end = Math.min(melody.steps(), bar + 1 < barStarts.length ? barStarts[bar + 1] : melody.steps());
            if (start >= end || !sounds(melody, start, end) || parts.stream().anyMatch(p -> starts(p, start, end))) {
                continue;
            }
            for (Part part : parts) {
                for (Note note : part.notes()) {
                    if (note.startStep() < start && note.endStep() > start) {
                        part.addNote(new Note(note.pitch(), start, note.endStep() - start, note.velocity()));
                    }
                }
            }
        }
    }

    private static boolean sounds(Part part, int from, int to) {
        for (int step = from; step < Math.min(to, part.steps()); step++) {
            if (part.soundingCount(step) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean starts(Part part, int from, int to) {
        for (int step = from; step < Math.min(to, part.steps()); step++) {
            for (int pitch = 0; pitch < PianoRoll.PITCHES; pitch++) {
                if (part.isOnset(step, pitch)) {
                    return true;
                }
            }
        }
        return false;
    }
}
