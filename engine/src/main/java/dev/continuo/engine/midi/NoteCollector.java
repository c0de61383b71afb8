package dev.continuo.engine.midi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pairs the note-ons and note-offs of one MIDI channel into notes, in ticks.
 *
 * <p>A note-on with velocity 0 is a note-off. A note-on for a pitch that is already sounding ends the sounding note
 * there and starts a new one; the next note-off for that pitch is then taken to belong to the note that was cut
 * short and is ignored, so the new note lasts until its own note-off. Note-offs with no note sounding are counted
 * and dropped. Events must arrive in tick order.
 */
final class NoteCollector {

    /** A note in ticks, before quantization. */
    record TickNote(int pitch, long startTick, long endTick, int velocity) {
    }

    private final long[] openStart = new long[128];
    private final int[] openVelocity = new int[128];
    private final int[] offsetsOwed = new int[128];
    private final List<TickNote> notes = new ArrayList<>();
    private int strayNoteOffs;

    NoteCollector() {
        Arrays.fill(openStart, -1);
    }

    void noteOn(long tick, int pitch, int velocity) {
        if (velocity == 0) {
            noteOff(tick, pitch);
            return;
        }
        if (openStart[pitch] >= 0) {
            close(pitch, tick);
            offsetsOwed[pitch]++;
        }
        openStart[pitch] = tick;
        openVelocity[pitch] = velocity;
    }

    void noteOff(long tick, int pitch) {
        if (offsetsOwed[pitch] > 0) {
            offsetsOwed[pitch]--;
        } else if (openStart[pitch] >= 0) {
            close(pitch, tick);
        } else {
            strayNoteOffs++;
        }
    }

    /** Ends every note still sounding at {@code tick} (the end of its track). */
    void closeAll(long tick) {
        for (int pitch = 0; pitch < 128; pitch++) {
            if (openStart[pitch] >= 0) {
                close(pitch, Math.max(tick, openStart[pitch]));
            }
            offsetsOwed[pitch] = 0;
        }
    }

    List<TickNote> notes() {
        return notes;
    }

    int strayNoteOffs() {
        return strayNoteOffs;
    }

    private void close(int pitch, long tick) {
        notes.add(new TickNote(pitch, openStart[pitch], tick, openVelocity[pitch]));
        openStart[pitch] = -1;
    }
}
