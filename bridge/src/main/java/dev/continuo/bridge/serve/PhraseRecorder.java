package dev.continuo.bridge.serve;

import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.bridge.realtime.CaptureRecord;
import dev.continuo.bridge.realtime.PhraseBook;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the melody notes the real-time thread heard into phrases: notes are quantized to the nearest sixteenth, and
 * an onset belongs to the phrase its quantized step falls in. A phrase is complete half a step before its end (later
 * onsets round into the next phrase), or cut short when the transport stops or jumps; notes still held are cut at the
 * phrase's end and, unless the transport stopped or jumped, carried into the next phrase. Phrases with at least one
 * note go to the generator, marked complete or cut short. Runs on its own thread, fed by an {@link SpscRing}.
 */
public final class PhraseRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(PhraseRecorder.class);
    private static final long NONE = Long.MIN_VALUE;
    /**
     * Positions beyond this many steps either way (or not numbers) are no song's but a damaged source's, such as a
     * plug-in's link: their notes are ignored and their cycles taken as a stop.
     */
    private static final double MAX_STEP = Integer.MAX_VALUE;
    /** Steps before its end from which a phrase is complete: later onsets round into the next phrase. */
    private static final double COMPLETE_BEFORE_END_STEPS = 0.5;

    private final int bars;
    private final Consumer<CapturedPhrase> phrases;
    private final ControlListener control;
    private final double[] heldSince = new double[128];
    private final int[] heldVelocity = new int[128];
    private final List<Note> notes = new ArrayList<>();
    private long capturing = NONE;
    private int stepsPerBar = 16;
    private boolean loops;
    private double lastCycleEnd;
    private boolean lastCycleRolling;
    private boolean warnedBeyondBook;

    /** What arrives on the control channel. Called on the recorder's thread. */
    public interface ControlListener {
        void programChange(int program);

        void controlChange(int controller, int value);
    }

    public PhraseRecorder(int bars, Consumer<CapturedPhrase> phrases, ControlListener control) {
        this.bars = bars;
        this.phrases = phrases;
        this.control = control;
        Arrays.fill(heldSince, Double.NaN);
    }

    /** The step at which the phrase now being captured ends, or NaN when none is (no note heard since the last). */
    public double openPhraseEnd() {
        return capturing == NONE || notes.isEmpty() && !holdsANote() ? Double.NaN
                : (double) (capturing + 1) * phraseSteps();
    }

    /**
     * The step from which the phrase now being captured is complete ({@value #COMPLETE_BEFORE_END_STEPS} before its
     * end): it closes with the first cycle after one that ends there. NaN when no phrase is being captured.
     */
    public double openPhraseCompleteStep() {
        return openPhraseEnd() - COMPLETE_BEFORE_END_STEPS;
    }

    private boolean holdsANote() {
        for (double since : heldSince) {
            if (!Double.isNaN(since)) {
                return true;
            }
        }
        return false;
    }

    /** Takes every record waiting in {@code ring}; returns how many there were. */
    public int drain(SpscRing ring, long[] record) {
        int taken = 0;
        while (ring.poll(record)) {
            accept(record[0], record[1]);
            taken++;
        }
        return taken;
    }

    /** Handles one record from the real-time thread (or a plug-in's link). */
    public void accept(long packed, long value) {
        double step = Double.longBitsToDouble(value);
        boolean onTheMap = Math.abs(step) <= MAX_STEP;
        switch (CaptureRecord.kind(packed)) {
            case CaptureRecord.NOTE -> {
                if (onTheMap) {
                    note(CaptureRecord.b(packed), CaptureRecord.c(packed), step);
                }
            }
            case CaptureRecord.CYCLE -> cycle(CaptureRecord.a(packed) != 0 && onTheMap,
                    (CaptureRecord.b(packed) & 1) != 0, (CaptureRecord.b(packed) & 2) != 0, CaptureRecord.c(packed),
                    onTheMap ? step : 0);
            case CaptureRecord.PROGRAM -> control.programChange(CaptureRecord.a(packed));
            case CaptureRecord.CONTROL -> control.controlChange(CaptureRecord.a(packed), CaptureRecord.b(packed));
            default -> LOG.debug("Unknown capture record {}", Long.toHexString(packed));
        }
    }

    private int phraseSteps() {
        return bars * stepsPerBar;
    }

    private long phraseOf(double step) {
        return Math.floorDiv(Math.round(step), phraseSteps());
    }

    private void note(int pitch, int velocity, double step) {
        if (velocity > 0) {
            long phrase = phraseOf(step);
            if (phrase != capturing) {
                close(phrase * phraseSteps(), true);
                capturing = phrase;
            }
            if (!Double.isNaN(heldSince[pitch])) {
                end(pitch, step);
            }
            heldSince[pitch] = step;
            heldVelocity[pitch] = velocity;
        } else if (!Double.isNaN(heldSince[pitch])) {
            end(pitch, step);
        }
    }

    private void end(int pitch, double step) {
        long phraseStart = capturing * phraseSteps();
        int start = (int) Math.max(0, Math.round(heldSince[pitch]) - phraseStart);
        int end = (int) Math.min(phraseSteps(), Math.round(step) - phraseStart);
        boolean carriedAndReleasedAtOnce = heldSince[pitch] == phraseStart && end <= start;
        if (capturing != NONE && start < phraseSteps() && !carriedAndReleasedAtOnce) {
            notes.add(new Note(pitch, start, Math.max(1, end - start), heldVelocity[pitch]));
        }
        heldSince[pitch] = Double.NaN;
    }

    private void cycle(boolean rolling, boolean contiguous, boolean loopsPhrase, int barSteps, double endStep) {
        if (capturing != NONE) {
            long phraseEnd = (capturing + 1) * phraseSteps();
            if (!rolling || !contiguous) {
                close(Double.NaN, false);
            } else if (lastCycleRolling && lastCycleEnd >= phraseEnd - COMPLETE_BEFORE_END_STEPS) {
                close(phraseEnd, true);
                capturing = phraseOf(phraseEnd);
            }
        }
        if (barSteps > 0) {
            stepsPerBar = barSteps;
        }
        loops = loopsPhrase;
        lastCycleEnd = endStep;
        lastCycleRolling = rolling;
    }

    /**
     * Closes the phrase being captured. Notes still held end at the phrase's end and, if {@code carryTo} is a
     * position, sound on from there in the next phrase. A take cut short before it began (the phrase was entered
     * early, when the one before was complete, and the transport stopped or jumped before its first half step)
     * keeps none of the notes carried into it: they were the last phrase's, and would sound through all of this one.
     *
     * @param complete whether time reached the phrase's end (false: a transport stop or jump cut the take short)
     */
    private void close(double carryTo, boolean complete) {
        if (capturing == NONE) {
            return;
        }
        long phraseStart = capturing * phraseSteps();
        long phraseEnd = phraseStart + phraseSteps();
        boolean cutBeforeItBegan = !complete && lastCycleEnd < phraseStart + COMPLETE_BEFORE_END_STEPS;
        for (int pitch = 0; pitch < 128; pitch++) {
            if (!Double.isNaN(heldSince[pitch])) {
                if (!(cutBeforeItBegan && heldSince[pitch] == phraseStart)) {
                    end(pitch, phraseEnd);
                }
                heldSince[pitch] = carryTo;
            }
        }
        long phrase = capturing;
        capturing = NONE;
        if (notes.isEmpty() || phrase < 0) {
            notes.clear();
            return;
        }
        long index = loops ? 0 : phrase;
        if (!PhraseBook.holds(index)) {
            if (!warnedBeyondBook) {
                LOG.warn("The song is longer than {} phrases; later phrases are not accompanied", PhraseBook.CAPACITY);
                warnedBeyondBook = true;
            }
            notes.clear();
            return;
        }
        Part melody = new Part("Melody", 0, 0, -1, phraseSteps());
        for (Note note : notes) {
            if (note.startStep() < melody.steps()) { // a meter that shrank within the phrase leaves later ones out
                melody.addNote(note);
            }
        }
        notes.clear();
        phrases.accept(new CapturedPhrase(phrase, (int) index, melody, System.nanoTime(), complete, stepsPerBar));
    }
}
