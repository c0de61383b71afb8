package dev.continuo.engine.roll;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One track of a {@link PianoRoll}: a steps × 128 grid of cells plus the part's MIDI identity (name, channel,
 * General MIDI program).
 *
 * <p>Each cell is silent, the onset of a note (with its velocity), or the continuation of the note above it in
 * time, so a held note and a repeated one stay distinct. Notes of the same pitch never overlap: a note added over
 * another one cuts the earlier one short where the new one starts ("last note wins"), and whatever remained of the
 * earlier note after the new one ends is dropped.
 *
 * <p>Not thread-safe.
 */
public final class Part {

    /** MIDI channel 10, the General MIDI percussion channel, counted from 0. */
    public static final int PERCUSSION_CHANNEL = 9;

    private static final byte SILENT = 0;
    private static final byte HELD = -1;

    private final String name;
    private final int channel;
    private final int program;
    private final int sourceTrack;
    private final int steps;
    private final byte[] cells;
    /** {@link #notes()} as last listed, until a note is added: metrics ask for them many times per part. */
    private List<Note> notes;

    /**
     * @param name        display name, e.g. the MIDI track name; never null
     * @param channel     MIDI channel 0–15
     * @param program     General MIDI program 0–127
     * @param sourceTrack index of the MIDI file track the part came from, or -1 if it did not come from a file
     * @param steps       length of the grid in steps
     */
    public Part(String name, int channel, int program, int sourceTrack, int steps) {
        if (channel < 0 || channel > 15) {
            throw new IllegalArgumentException("MIDI channel out of range 0..15: " + channel);
        }
        if (program < 0 || program > 127) {
            throw new IllegalArgumentException("GM program out of range 0..127: " + program);
        }
        if (steps < 0 || steps > PianoRoll.MAX_STEPS) {
            throw new IllegalArgumentException("steps out of range 0.." + PianoRoll.MAX_STEPS + ": " + steps);
        }
        this.name = name == null ? "" : name;
        this.channel = channel;
        this.program = program;
        this.sourceTrack = sourceTrack;
        this.steps = steps;
        this.cells = new byte[steps * PianoRoll.PITCHES];
    }

    public String name() {
        return name;
    }

    /** MIDI channel counted from 0. */
    public int channel() {
        return channel;
    }

    public int program() {
        return program;
    }

    /** Index of the MIDI file track this part was read from, or -1. */
    public int sourceTrack() {
        return sourceTrack;
    }

    public int steps() {
        return steps;
    }

    /** True on the General MIDI percussion channel, where pitches name drums, not notes. */
    public boolean isPercussion() {
        return channel == PERCUSSION_CHANNEL;
    }

    /**
     * Adds a note, clipped to the end of the grid; see the class comment for overlaps.
     *
     * @throws IllegalArgumentException if the note starts at or after the end of the grid
     */
    public void addNote(Note note) {
        int start = note.startStep();
        if (start >= steps) {
            throw new IllegalArgumentException("note starts at step " + start + ", past the part's " + steps
                    + " steps");
        }
        notes = null;
        int pitch = note.pitch();
        int end = Math.min(steps, note.endStep());
        cells[index(start, pitch)] = (byte) note.velocity();
        for (int step = start + 1; step < end; step++) {
            cells[index(step, pitch)] = HELD;
        }
        for (int step = end; step < steps && cells[index(step, pitch)] == HELD; step++) {
            cells[index(step, pitch)] = SILENT;
        }
    }

    /** True if a note of this pitch sounds at this step (onset or held). */
    public boolean isSounding(int step, int pitch) {
        return cells[index(step, pitch)] != SILENT;
    }

    /** True if a note of this pitch starts at this step. */
    public boolean isOnset(int step, int pitch) {
        return cells[index(step, pitch)] > 0;
    }

    /** Number of pitches sounding at this step. */
    public int soundingCount(int step) {
        int count = 0;
        int base = step * PianoRoll.PITCHES;
        for (int pitch = 0; pitch < PianoRoll.PITCHES; pitch++) {
            if (cells[base + pitch] != SILENT) {
                count++;
            }
        }
        return count;
    }

    /** Highest pitch sounding at this step, or -1 if none. */
    public int highestSounding(int step) {
        int base = step * PianoRoll.PITCHES;
        for (int pitch = PianoRoll.PITCHES - 1; pitch >= 0; pitch--) {
            if (cells[base + pitch] != SILENT) {
                return pitch;
            }
        }
        return -1;
    }

    /** All notes, ordered by start step, then pitch; unmodifiable. */
    public List<Note> notes() {
        if (notes == null) {
            notes = List.copyOf(listNotes());
        }
        return notes;
    }

    private List<Note> listNotes() {
        List<Note> notes = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            for (int pitch = 0; pitch < PianoRoll.PITCHES; pitch++) {
                byte cell = cells[index(step, pitch)];
                if (cell > 0) {
                    int end = step + 1;
                    while (end < steps && cells[index(end, pitch)] == HELD) {
                        end++;
                    }
                    notes.add(new Note(pitch, step, end - step, cell));
                }
            }
        }
        return notes;
    }

    /** True if both parts have the same identity and the same cells. */
    public boolean sameContentAs(Part other) {
        return name.equals(other.name) && channel == other.channel && program == other.program
                && steps == other.steps && Arrays.equals(cells, other.cells);
    }

    private int index(int step, int pitch) {
        if (step < 0 || step >= steps) {
            throw new IndexOutOfBoundsException("step " + step + " outside 0.." + (steps - 1));
        }
        if (pitch < 0 || pitch >= PianoRoll.PITCHES) {
            throw new IndexOutOfBoundsException("pitch " + pitch + " outside 0..127");
        }
        return step * PianoRoll.PITCHES + pitch;
    }

    @Override
    public String toString() {
        return "Part[" + name + ", channel " + (channel + 1) + ", program " + program + ", " + steps + " steps]";
    }
}
