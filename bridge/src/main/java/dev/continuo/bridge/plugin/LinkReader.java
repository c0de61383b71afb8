package dev.continuo.bridge.plugin;

import dev.continuo.bridge.realtime.CaptureRecord;
import dev.continuo.bridge.realtime.PhrasePattern;

/**
 * Turns what a plug-in sends (BLOCK and NOTE records, positions in beats) into the {@link CaptureRecord}s a phrase
 * recorder takes from the real-time engine (positions in sixteenth steps): a note at beat {@code x} is at step
 * {@code 4x}; each block becomes a CYCLE with rolling, steps per bar {@code a × 16 / b} and the end step
 * {@code (beat + frames / rate × bpm / 60) × 4}.
 *
 * <p>A plug-in sends a block's BLOCK before its notes, as the real-time engine sends a cycle's CYCLE before the
 * cycle's notes, so each BLOCK becomes its CYCLE at once: not contiguous if the block JUMPED, which closes the phrase
 * captured before the jump; the recorder knows a block's notes are all in when the next block's CYCLE comes. Note-offs
 * are Note Off or Note On with velocity 0 on any channel; other messages are counted and ignored.
 *
 * <p>SETTING records go to the {@link Listener} as they come. A phrase the plug-in already holds comes as
 * RESTORE_BEGIN, its melody's RESTORE_NOTEs and RESTORE_COMMIT, and goes to the listener whole, as a one-part
 * {@link PhrasePattern} on the sixteenth grid; one whose fields no plug-in sends (an index past the plug-in's
 * {@value #PHRASES} phrases, a length of no whole sixteenth or over {@value #MAX_STEPS} steps, more notes than it
 * announced, a note outside the phrase, records out of order) is dropped and counted as ignored.
 *
 * <p>Called on the session's housekeeping thread only.
 */
public final class LinkReader {

    /** Takes capture records, as {@code PhraseRecorder.accept} does. */
    @FunctionalInterface
    public interface CaptureConsumer {
        void accept(long packed, long value);
    }

    /** What a plug-in says besides its blocks and notes. */
    public interface Listener {
        /** A host parameter's value (id: {@code LinkLayout.PARAM_*}). */
        void setting(int id, double value);

        /** A phrase the plug-in already holds: its index and its melody (part 0, channel as played). */
        void restored(int index, PhrasePattern melody);
    }

    /** Sixteenths per quarter note: link positions are in quarter notes, capture positions in sixteenths. */
    public static final int STEPS_PER_BEAT = 4;
    /** Phrase indices a plug-in holds (its phrase table). */
    public static final int PHRASES = 1024;
    /** The longest phrase: 64 bars of 16 sixteenths. */
    public static final int MAX_STEPS = 64 * 16;
    private static final int MAX_RESTORED_NOTES = 256;

    private final LinkRing ring;
    private final CaptureConsumer target;
    private final Listener listener;
    private final LinkRecord record = new LinkRecord();
    private PhrasePattern.Builder restoring;
    private int restoringIndex;
    private int restoringSteps;
    private long restoringNotes;
    private int restoringHeard;
    private boolean seenBlock;
    private boolean rolling;
    private double endStep;
    private double stepsPerMilli;
    private double blockMillis;
    private double watchedStep = Double.NaN;
    private volatile boolean watchedPassed = true;
    private volatile long blocks;
    private volatile long notes;
    private volatile long ignored;
    private volatile long notesWhileStopped;
    private volatile long restored;

    public LinkReader(LinkRing ring, CaptureConsumer target, Listener listener) {
        this.ring = ring;
        this.target = target;
        this.listener = listener;
    }

    /** Takes every record waiting in the ring; returns how many there were. */
    public int drain() {
        int taken = 0;
        while (ring.poll(record)) {
            switch (record.kind) {
                case LinkLayout.BLOCK -> block();
                case LinkLayout.NOTE -> note();
                case LinkLayout.SETTING -> listener.setting(record.a, record.value);
                case LinkLayout.RESTORE_BEGIN -> restoreBegin();
                case LinkLayout.RESTORE_NOTE -> restoreNote();
                case LinkLayout.RESTORE_COMMIT -> restoreCommit();
                default -> ignored++;
            }
            taken++;
        }
        return taken;
    }

    private void block() {
        blocks++;
        seenBlock = true;
        rolling = (record.flags & LinkLayout.ROLLING) != 0;
        boolean jumped = (record.flags & LinkLayout.JUMPED) != 0;
        int stepsPerBar = record.a > 0 && record.b > 0 ? record.a * 16 / record.b : 0;
        double seconds = record.rate > 0 ? (double) record.frames / record.rate : 0;
        endStep = (record.beat + seconds * record.value / 60) * STEPS_PER_BEAT;
        stepsPerMilli = record.value > 0 ? record.value * STEPS_PER_BEAT / 60_000 : 0;
        blockMillis = seconds * 1000;
        if (!watchedPassed && (!rolling || jumped || endStep >= watchedStep)) {
            watchedPassed = true;
        }
        target.accept(CaptureRecord.pack(CaptureRecord.CYCLE, rolling ? 1 : 0, jumped ? 0 : 1, stepsPerBar),
                Double.doubleToRawLongBits(rolling ? endStep : 0));
    }

    private void note() {
        int type = record.a & 0xF0;
        if ((type != 0x90 && type != 0x80) || record.b > 127 || record.c > 127) {
            ignored++;
            return;
        }
        if (!rolling) {
            notesWhileStopped++;
            return;
        }
        int velocity = type == 0x90 ? record.c : 0;
        notes++;
        target.accept(CaptureRecord.pack(CaptureRecord.NOTE, record.a & 0x0F, record.b, velocity),
                Double.doubleToRawLongBits(record.beat * STEPS_PER_BEAT));
    }

    private void restoreBegin() {
        abandonRestore();
        double steps = record.value * STEPS_PER_BEAT;
        if (record.frames >= PHRASES || !(steps >= 1 && steps <= MAX_STEPS) || steps != Math.rint(steps)
                || record.rate > MAX_RESTORED_NOTES) {
            ignored++;
            return;
        }
        restoringIndex = (int) record.frames;
        restoringSteps = (int) steps;
        restoringNotes = record.rate;
        restoringHeard = 0;
        restoring = PhrasePattern.builder(restoringSteps, 1).part(0, 0, -1);
    }

    private void restoreNote() {
        if (restoring == null) {
            ignored++;
            return;
        }
        long start = Math.round(record.beat * STEPS_PER_BEAT);
        long end = Math.round(record.value * STEPS_PER_BEAT);
        if (restoringHeard == restoringNotes || record.b > 127 || record.c > 127 || start < 0 || end <= start
                || end > restoringSteps) {
            abandonRestore();
            return;
        }
        restoringHeard++;
        restoring.note(0, (int) start, (int) end, record.b, record.c);
    }

    private void restoreCommit() {
        if (restoring == null || record.frames != restoringIndex || restoringHeard != restoringNotes) {
            abandonRestore();
            return;
        }
        PhrasePattern melody = restoring.build(false);
        restoring = null;
        restored++;
        listener.restored(restoringIndex, melody);
    }

    /** A restore broken off: what was gathered is dropped and counted. */
    private void abandonRestore() {
        if (restoring != null) {
            ignored++;
            restoring = null;
        }
    }

    /**
     * Milliseconds until, at the earliest, the plug-in has written the block after the one that passes {@code step}
     * (when the notes before {@code step} are all in), judged from the last block read: that block may have been
     * written up to a block's time before it was read, which makes up for the one block after. 0 once a block has
     * passed {@code step}; NaN while the transport stands.
     */
    public double millisUntilPassed(double step) {
        if (!seenBlock || !rolling || !(stepsPerMilli > 0) || !(blockMillis > 0)) {
            return Double.NaN;
        }
        double blocksToPass = Math.max(0, Math.ceil((step - endStep) / (stepsPerMilli * blockMillis)));
        return blocksToPass * blockMillis;
    }

    /**
     * Watches for the plug-in's blocks to pass {@code step}, from the last block read on: {@link #passedWatched}
     * turns true with the first block that ends there or later, jumps or stands.
     */
    public void watch(double step) {
        watchedStep = step;
        watchedPassed = seenBlock && (!rolling || endStep >= step);
    }

    /** Whether the step last {@linkplain #watch watched} has been passed (true when none is). Any thread. */
    public boolean passedWatched() {
        return watchedPassed;
    }

    /**
     * Milliseconds until, at the earliest, the plug-in writes the block that passes the watched step (the last block
     * read may have been written up to a block before); NaN once passed or while the transport stands.
     */
    public double millisUntilWatchedPassed() {
        double untilNext = watchedPassed ? Double.NaN : millisUntilPassed(watchedStep);
        return Double.isNaN(untilNext) ? untilNext : Math.max(0, untilNext - blockMillis);
    }

    /** Phrases the plug-in told of (RESTORE_BEGIN … RESTORE_COMMIT, whole) so far. */
    public long restored() {
        return restored;
    }

    /** BLOCK records read so far. */
    public long blocks() {
        return blocks;
    }

    /** Melody note records read so far. */
    public long notes() {
        return notes;
    }

    /**
     * Melody notes heard while the transport stood still, left out as on a virtual port: a phrase is what plays
     * with the music, and notes at a standing position would make a one-note phrase of it.
     */
    public long notesWhileStopped() {
        return notesWhileStopped;
    }

    /** Records of an unknown kind or an unused message, read and ignored. */
    public long ignored() {
        return ignored;
    }
}
