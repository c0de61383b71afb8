package dev.continuo.bridge.realtime;

import dev.continuo.bridge.cycle.PortLayout;

/**
 * Plays the accompaniment of each phrase wherever the clock says the song is: the notes that start in this cycle
 * start at their exact frame, notes end at theirs, and nothing hangs on stop, jump or a new accompaniment for the
 * phrase being played (its notes sounding at that moment are started at once, "chased"). A pattern that
 * {@linkplain PhrasePattern#waitsForPhraseStart() waits for the phrase start} (a preset or mix change) is taken up
 * when its phrase next begins, its parts' Program Changes sent just before its first notes. Real-time thread only;
 * no allocation.
 *
 * <p>Every event is selected exactly once while time runs on: a cycle selects steps from where the previous one
 * stopped to half a frame before its own end, and an event plays at the frame nearest to its step.
 */
public final class Player {

    private static final int CLICK_CHANNEL = 9;
    private static final int CLICK_ACCENT = 76;
    private static final int CLICK_BEAT = 77;

    private final PhraseBook book;
    private final PortLayout layout;
    private final ActiveNotes active;
    private final int bars;
    private final boolean partPerPass;
    private final PhrasePattern[] adopted = new PhrasePattern[PhraseBook.CAPACITY];
    private final int[] passes = new int[PhraseBook.CAPACITY];
    /** The program last sent per port and channel (port × 16 + channel), -1 if none. */
    private final int[] sentPrograms = new int[4 * 16];

    private final boolean clickAlways;
    private boolean wasRolling;
    private double selectedUntil;
    private long currentPhrase = Long.MIN_VALUE;
    private volatile long currentPhraseShown = -1;
    private volatile int currentPass;

    /**
     * @param bars        bars per phrase
     * @param partPerPass play part k alone on the k-th pass of a phrase (k = 1–4), then all parts
     * @param clickAlways click every beat on channel 10, not only during the count-in
     */
    public Player(PhraseBook book, PortLayout layout, ActiveNotes active, int bars, boolean partPerPass,
            boolean clickAlways) {
        this.book = book;
        this.layout = layout;
        this.active = active;
        this.bars = bars;
        this.partPerPass = partPerPass;
        this.clickAlways = clickAlways;
        java.util.Arrays.fill(sentPrograms, -1);
    }

    /** Records a Program Change sent by someone else (the engine, at connection), so it is not repeated. */
    public void programSent(int port, int channel, int program) {
        sentPrograms[port * 16 + channel] = program;
    }

    /**
     * Sends every program sent so far again at {@code offset}, for a synth or track that was not listening then (a
     * new connection, a transport start). Real-time thread.
     */
    public void resendPrograms(int offset, OutputQueue queue) {
        for (int slot = 0; slot < sentPrograms.length; slot++) {
            if (sentPrograms[slot] >= 0) {
                queue.add(offset, slot / 16, 0xC0 | slot % 16, sentPrograms[slot], 0);
            }
        }
    }

    /** Frame offset in the cycle of musical position {@code step}, clamped into the cycle. */
    static int frameOffset(double step, double startStep, double framesPerStep, int frames) {
        long offset = Math.round((step - startStep) * framesPerStep);
        return (int) Math.max(0, Math.min(frames - 1, offset));
    }

    /** Steps in one phrase at the given meter. */
    public int phraseSteps(int stepsPerBar) {
        return bars * stepsPerBar;
    }

    /** Plays one cycle. */
    public void play(CyclePosition position, int frames, OutputQueue queue) {
        if (!position.rolling) {
            if (wasRolling) {
                active.endScheduled(queue, 0);
            }
            wasRolling = false;
            currentPhrase = Long.MIN_VALUE;
            return;
        }
        double framesPerStep = position.framesPerStep;
        boolean continues = wasRolling && position.contiguous;
        if (wasRolling && !continues) {
            active.endScheduled(queue, position.firstOffset);
            currentPhrase = Long.MIN_VALUE;
        }
        double from = continues ? selectedUntil : position.startStep - 0.5 / framesPerStep;
        double to = position.startStep + (frames - 0.5) / framesPerStep;
        selectedUntil = to;
        wasRolling = true;

        active.endDue(queue, from, to, position.startStep, framesPerStep, frames);
        int phraseSteps = phraseSteps(position.stepsPerBar);
        long firstPhrase = Math.floorDiv((long) Math.floor(from), phraseSteps);
        long lastPhrase = Math.floorDiv((long) Math.floor(to), phraseSteps);
        for (long phrase = firstPhrase; phrase <= lastPhrase; phrase++) {
            long phraseStart = phrase * phraseSteps;
            double phraseFrom = Math.max(from, phraseStart);
            double phraseTo = Math.min(to, phraseStart + phraseSteps);
            if (phraseFrom < phraseTo) {
                playPhrase(phrase, phraseStart, phraseFrom, phraseTo, position, frames, queue);
            }
        }
        click(position, from, to, frames, queue);
        // Notes shorter than a cycle end in the cycle they started in.
        active.endDue(queue, from, to, position.startStep, framesPerStep, frames);
    }

    private void playPhrase(long phrase, long phraseStart, double from, double to, CyclePosition position,
            int frames, OutputQueue queue) {
        int index = bookIndex(phrase, position.loopsPhrase);
        if (index < 0) {
            return;
        }
        PhrasePattern latest = book.get(index);
        boolean chase = false;
        if (phrase != currentPhrase) {
            boolean enteredAtStart = from <= phraseStart && currentPhrase == phrase - 1;
            passes[index] = latest != null && latest == adopted[index] ? passes[index] + 1 : 1;
            adopted[index] = latest;
            currentPhrase = phrase;
            chase = !enteredAtStart;
        } else if (latest != adopted[index] && (latest == null || !latest.waitsForPhraseStart())) {
            active.endScheduled(queue, frameOffset(from, position.startStep, position.framesPerStep, frames));
            adopted[index] = latest;
            passes[index] = 1;
            chase = true;
        }
        currentPhraseShown = phrase;
        currentPass = passes[index];
        PhrasePattern pattern = adopted[index];
        if (pattern == null) {
            return;
        }
        sendPrograms(pattern, frameOffset(from, position.startStep, position.framesPerStep, frames), queue);
        double localFrom = from - phraseStart;
        double localTo = to - phraseStart;
        if (chase) {
            // Chased notes start on the first frame the position holds for, not half a frame before it.
            double chaseStep = Math.max(from, position.startStep + position.firstOffset / position.framesPerStep);
            for (int note = 0; note < pattern.noteCount() && pattern.startStep(note) < localFrom; note++) {
                if (pattern.endStep(note) > localFrom + 1 && audible(pattern.part(note), passes[index])) {
                    start(pattern, note, phraseStart, chaseStep, position, frames, queue);
                }
            }
        }
        for (int note = pattern.firstStartingAtOrAfter(localFrom);
                note < pattern.noteCount() && pattern.startStep(note) < localTo; note++) {
            if (audible(pattern.part(note), passes[index])) {
                start(pattern, note, phraseStart, phraseStart + pattern.startStep(note), position, frames, queue);
            }
        }
    }

    private void sendPrograms(PhrasePattern pattern, int offset, OutputQueue queue) {
        for (int part = 0; part < pattern.partCount(); part++) {
            int port = layout.portOfPart(part);
            int channel = pattern.partChannel(part);
            int program = pattern.partProgram(part);
            if (program >= 0 && sentPrograms[port * 16 + channel] != program) {
                queue.add(offset, port, 0xC0 | channel, program, 0);
                active.use(port, channel);
                sentPrograms[port * 16 + channel] = program;
            }
        }
    }

    private void start(PhrasePattern pattern, int note, long phraseStart, double step, CyclePosition position,
            int frames, OutputQueue queue) {
        int offset = frameOffset(step, position.startStep, position.framesPerStep, frames);
        active.start(queue, offset, layout.portOfPart(pattern.part(note)), pattern.channel(note),
                pattern.pitch(note), pattern.velocity(note), phraseStart + pattern.endStep(note));
    }

    private boolean audible(int part, int pass) {
        return !partPerPass || pass > 4 || part == pass - 1;
    }

    private static int bookIndex(long phrase, boolean loopsPhrase) {
        if (phrase < 0) {
            return -1;
        }
        long index = loopsPhrase ? 0 : phrase;
        return PhraseBook.holds(index) ? (int) index : -1;
    }

    private void click(CyclePosition position, double from, double to, int frames, OutputQueue queue) {
        if (position.source != ClockSource.INTERNAL) {
            return;
        }
        for (long step = (long) Math.ceil(from); step < to; step++) {
            if (step >= 0 && !clickAlways) {
                return;
            }
            if (Math.floorMod(step, position.stepsPerBeat) == 0) {
                int pitch = Math.floorMod(step, position.stepsPerBar) == 0 ? CLICK_ACCENT : CLICK_BEAT;
                active.start(queue, frameOffset(step, position.startStep, position.framesPerStep, frames), 0,
                        CLICK_CHANNEL, pitch, pitch == CLICK_ACCENT ? 110 : 80, step + 1);
            }
        }
    }

    /** The phrase being played, or -1 before the first; any thread. */
    public long currentPhrase() {
        return currentPhraseShown;
    }

    /** How many times the current phrase's accompaniment has been played, counting this time; any thread. */
    public int currentPass() {
        return currentPass;
    }
}
