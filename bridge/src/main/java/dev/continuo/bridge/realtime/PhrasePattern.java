package dev.continuo.bridge.realtime;

import java.util.Arrays;

/**
 * The accompaniment of one phrase, ready for the real-time thread: every note of every part with its start and end
 * step within the phrase, sorted by start, and each part's channel and program. Immutable; made off the real-time
 * thread with a {@link Builder} and published through a {@link PhraseBook}.
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

    private PhrasePattern(Builder builder, boolean waitsForPhraseStart) {
        this.waitsForPhraseStart = waitsForPhraseStart;
        this.steps = builder.steps;
        this.partChannel = builder.partChannel.clone();
        this.partProgram = builder.partProgram.clone();
        int count = builder.count;
        Integer[] order = new Integer[count];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> builder.startStep[a] != builder.startStep[b]
                ? Integer.compare(builder.startStep[a], builder.startStep[b])
                : Integer.compare(builder.part[a], builder.part[b]));
        this.startStep = new int[count];
        this.endStep = new int[count];
        this.part = new int[count];
        this.channel = new int[count];
        this.pitch = new int[count];
        this.velocity = new int[count];
        for (int i = 0; i < count; i++) {
            int from = order[i];
            startStep[i] = builder.startStep[from];
            endStep[i] = builder.endStep[from];
            part[i] = builder.part[from];
            channel[i] = partChannel[part[i]];
            pitch[i] = builder.pitch[from];
            velocity[i] = builder.velocity[from];
        }
    }

    /** Starts a pattern {@code steps} long with {@code parts} parts (each on channel 0, no program, until set). */
    public static Builder builder(int steps, int parts) {
        return new Builder(steps, parts);
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
        return other != null && steps == other.steps && Arrays.equals(startStep, other.startStep)
                && Arrays.equals(endStep, other.endStep) && Arrays.equals(part, other.part)
                && Arrays.equals(channel, other.channel) && Arrays.equals(pitch, other.pitch)
                && Arrays.equals(velocity, other.velocity) && Arrays.equals(partProgram, other.partProgram);
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
    /** Collects a pattern's parts and notes in any order. Not thread-safe; used on one thread. */
    public static final class Builder {
        private final int steps;
        private final int[] partChannel;
        private final int[] partProgram;
        private int[] startStep = new int[64];
        private int[] endStep = new int[64];
        private int[] part = new int[64];
        private int[] pitch = new int[64];
        private int[] velocity = new int[64];
        private int count;

        private Builder(int steps, int parts) {
            this.steps = steps;
            this.partChannel = new int[parts];
            this.partProgram = new int[parts];
            Arrays.fill(partProgram, -1);
        }

        /** Part {@code index} plays on {@code channel} (0–15) with General MIDI {@code program} (or -1 for none). */
        public Builder part(int index, int channel, int program) {
            partChannel[index] = channel;
            partProgram[index] = program;
            return this;
        }

        /**
         * Adds a note of part {@code partIndex}; a note starting at or after the phrase's end is left out, one
         * ending after it is cut there, and the velocity is kept within 1–127.
         */
        public Builder note(int partIndex, int start, int end, int notePitch, int noteVelocity) {
            if (start >= steps) {
                return this;
            }
            if (count == startStep.length) {
                startStep = Arrays.copyOf(startStep, count * 2);
                endStep = Arrays.copyOf(endStep, count * 2);
                part = Arrays.copyOf(part, count * 2);
                pitch = Arrays.copyOf(pitch, count * 2);
                velocity = Arrays.copyOf(velocity, count * 2);
            }
            startStep[count] = start;
            endStep[count] = Math.min(steps, end);
            part[count] = partIndex;
            pitch[count] = notePitch;
            velocity[count] = Math.max(1, Math.min(127, noteVelocity));
            count++;
            return this;
        }

        /**
         * The pattern.
         *
         * @param waitsForPhraseStart replace the phrase's current pattern only when the phrase starts again
         */
        public PhrasePattern build(boolean waitsForPhraseStart) {
            return new PhrasePattern(this, waitsForPhraseStart);
        }
    }
}
