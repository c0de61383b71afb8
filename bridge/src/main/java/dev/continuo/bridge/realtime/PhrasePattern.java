package dev.continuo.bridge.realtime;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The accompaniment of one phrase, ready for the real-time thread: every note of every part with its start and end
 * step within the phrase, sorted by start, and each part's channel and program. Immutable; built off the real-time
 * thread and published through a {@link PhraseBook}.
 *
 * <p>A pattern made for a new phrase is played at once; one that re-voices a phrase already heard (another preset,
 * another mix) {@linkplain #waitsForPhraseStart() waits for the phrase's next start}, so a switch never cuts into a
 * phrase.
 */
public final class PhrasePattern {

    private final int steps;
    private final int[] startStep;
    private final int[] endStep;
    private final int[] part;
    private final int[] channel;
    private final int[] pitch;
    private final int[] velocity;
    private final int[] partChannel;
    private final int[] partProgram;
    private final boolean waitsForPhraseStart;

    /** A pattern for a new phrase, played at once. */
    public PhrasePattern(int steps, List<Part> parts) {
        this(steps, parts, false);
    }

    /**
     * @param steps               length of the phrase in steps
     * @param parts               the accompaniment parts; part k keeps its own MIDI channel and program
     * @param waitsForPhraseStart replace the phrase's current pattern only when the phrase starts again
     */
    public PhrasePattern(int steps, List<Part> parts, boolean waitsForPhraseStart) {
        this.waitsForPhraseStart = waitsForPhraseStart;
        this.partChannel = parts.stream().mapToInt(Part::channel).toArray();
        this.partProgram = parts.stream().mapToInt(Part::program).toArray();
        record Entry(int part, int channel, Note note) {
        }
        List<Entry> entries = new ArrayList<>();
        for (int index = 0; index < parts.size(); index++) {
            for (Note note : parts.get(index).notes()) {
                if (note.startStep() < steps) {
                    entries.add(new Entry(index, parts.get(index).channel(), note));
                }
            }
        }
        entries.sort(Comparator.comparingInt((Entry e) -> e.note().startStep()).thenComparingInt(Entry::part));
        int count = entries.size();
        this.steps = steps;
        this.startStep = new int[count];
        this.endStep = new int[count];
        this.part = new int[count];
        this.channel = new int[count];
        this.pitch = new int[count];
        this.velocity = new int[count];
        for (int i = 0; i < count; i++) {
            Entry entry = entries.get(i);
            startStep[i] = entry.note().startStep();
            endStep[i] = Math.min(steps, entry.note().endStep());
            part[i] = entry.part();
            channel[i] = entry.channel();
            pitch[i] = entry.note().pitch();
            velocity[i] = Math.max(1, Math.min(127, entry.note().velocity()));
        }
    }

    public int steps() {
        return steps;
    }

    public int noteCount() {
        return startStep.length;
    }

    public int startStep(int note) {
        return startStep[note];
    }

    public int endStep(int note) {
        return endStep[note];
    }

    public int part(int note) {
        return part[note];
    }

    public int channel(int note) {
        return channel[note];
    }

    public int pitch(int note) {
        return pitch[note];
    }

    public int velocity(int note) {
        return velocity[note];
    }

    public boolean waitsForPhraseStart() {
        return waitsForPhraseStart;
    }

    public int partCount() {
        return partChannel.length;
    }

    /** MIDI channel (0–15) of part {@code part}. */
    public int partChannel(int part) {
        return partChannel[part];
    }

    /** General MIDI program (0–127) of part {@code part}, or -1 for none. */
    public int partProgram(int part) {
        return partProgram[part];
    }

    /** Whether both hold the same notes (parts, channels, pitches, velocities, steps) and the same programs. */
    public boolean sameNotesAs(PhrasePattern other) {
        return other != null && steps == other.steps && java.util.Arrays.equals(startStep, other.startStep)
                && java.util.Arrays.equals(endStep, other.endStep) && java.util.Arrays.equals(part, other.part)
                && java.util.Arrays.equals(channel, other.channel) && java.util.Arrays.equals(pitch, other.pitch)
                && java.util.Arrays.equals(velocity, other.velocity)
                && java.util.Arrays.equals(partProgram, other.partProgram);
    }

    /** Index of the first note starting at or after {@code step} (binary search; no allocation). */
    public int firstStartingAtOrAfter(double step) {
        int low = 0;
        int high = startStep.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (startStep[middle] < step) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
