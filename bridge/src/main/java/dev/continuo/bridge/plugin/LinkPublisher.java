package dev.continuo.bridge.plugin;

import dev.continuo.bridge.realtime.PhrasePattern;
import dev.continuo.bridge.serve.PatternSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Sends each generated {@link PhrasePattern} to the plug-in: phrase {@code i} (of {@code s} steps) becomes
 * PHRASE_BEGIN (index {@code i}, start beat {@code i × s / 4}, length {@code s / 4} beats, note count,
 * WAIT_FOR_START if it waits for its phrase's start), a PHRASE_PROGRAM for every part that has a program, a
 * PHRASE_MELODY per note of the phrase's {@linkplain #melody melody} (kept by the plug-in for the host's saved
 * state), a PHRASE_NOTE per note (steps → beats from the phrase start) and PHRASE_COMMIT, all published at once.
 *
 * <p>Patterns are {@linkplain #put put} on the generation worker and wait, the newest per phrase, until a
 * {@link #publish} (by the worker right after its put, or a round on the housekeeping thread) finds room for the
 * whole phrase; a phrase is never half written, and one that does not fit now waits for the next round (phrases go
 * out in index order). One that could never fit is dropped and counted. The ring's producer side is only ever used
 * under this object's lock, so those two threads take turns as its single producer.
 */
public final class LinkPublisher implements PatternSink {

    private final LinkRing ring;
    private final LinkRecord record = new LinkRecord();
    private final Map<Integer, PhrasePattern> latest = new ConcurrentHashMap<>();
    private final Map<Integer, PhrasePattern> melodies = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Integer, PhrasePattern> waiting = new ConcurrentSkipListMap<>();
    private volatile boolean clearWaits;
    private volatile int held = -1;
    private volatile long published;
    private volatile long tooLarge;

    public LinkPublisher(LinkRing ring) {
        this.ring = ring;
    }

    /** Generation worker (any thread). */
    @Override
    public PhrasePattern get(int index) {
        return latest.get(index);
    }

    /** Generation worker (any thread): the pattern waits for the next {@link #publish}. */
    @Override
    public synchronized void put(int index, PhrasePattern pattern) {
        latest.put(index, pattern);
        waiting.put(index, pattern);
    }

    /** Any thread: the melody phrase {@code index} accompanies, sent with each of its accompaniments from now on. */
    public void melody(int index, PhrasePattern melody) {
        melodies.put(index, melody);
    }

    /**
     * Any thread: the plug-in is told to forget every phrase (before any phrase put later), and so is this. Locks
     * out {@link #put} (neither runs on a real-time thread), so a phrase put meanwhile is not half forgotten.
     */
    public synchronized void clear() {
        latest.clear();
        waiting.clear();
        melodies.clear();
        held = -1;
        clearWaits = true;
    }

    /**
     * Any thread: phrase {@code index} is not published until {@link #release}, so that a phrase accompanied before
     * its bars have finished playing does not start sounding in the very pass it was captured in (the player
     * chases a new phrase under the playhead). One phrase at a time; holding another releases the one before.
     */
    public void hold(int index) {
        held = index;
    }

    /** Any thread: the held phrase may go out (at the next {@link #publish}). */
    public void release() {
        held = -1;
    }

    /** Records phrase {@code pattern} with {@code melody} (or null) takes in the ring. */
    static int recordsFor(PhrasePattern pattern, PhrasePattern melody) {
        int programs = 0;
        for (int part = 0; part < pattern.partCount(); part++) {
            programs += pattern.partProgram(part) >= 0 ? 1 : 0;
        }
        return 2 + programs + (melody == null ? 0 : melody.noteCount()) + pattern.noteCount();
    }

    /**
     * The housekeeping thread or the generation worker (never a real-time thread: it locks): writes what waits and
     * fits, in index order.
     *
     * @return phrases published in this round
     */
    public synchronized int publish() {
        if (clearWaits && ring.free() > 0) {
            clearWaits = false;
            ring.stage(record.set(LinkLayout.CLEAR, 0, 0, 0, 0, 0, 0, 0, 0));
            ring.publish();
        }
        if (clearWaits) {
            return 0;
        }
        int count = 0;
        for (Map.Entry<Integer, PhrasePattern> entry : waiting.entrySet()) {
            if (entry.getKey() == held) {
                break; // in index order: what follows waits too
            }
            PhrasePattern pattern = entry.getValue();
            PhrasePattern melody = melodies.get(entry.getKey());
            int needed = recordsFor(pattern, melody);
            if (needed > ring.capacity()) {
                waiting.remove(entry.getKey(), pattern);
                tooLarge++;
                continue;
            }
            if (needed > ring.free()) {
                break;
            }
            waiting.remove(entry.getKey(), pattern);
            write(entry.getKey(), pattern, melody);
            count++;
        }
        published += count;
        return count;
    }

    private void write(int index, PhrasePattern pattern, PhrasePattern melody) {
        double beats = (double) pattern.steps() / LinkReader.STEPS_PER_BEAT;
        ring.stage(record.set(LinkLayout.PHRASE_BEGIN, pattern.waitsForPhraseStart() ? LinkLayout.WAIT_FOR_START : 0,
                0, 0, 0, index, pattern.noteCount(), index * beats, beats));
        for (int part = 0; part < pattern.partCount(); part++) {
            if (pattern.partProgram(part) >= 0) {
                ring.stage(record.set(LinkLayout.PHRASE_PROGRAM, 0, pattern.partChannel(part),
                        pattern.partProgram(part), 0, 0, 0, 0, 0));
            }
        }
        if (melody != null) {
            stageNotes(LinkLayout.PHRASE_MELODY, melody);
        }
        stageNotes(LinkLayout.PHRASE_NOTE, pattern);
        ring.stage(record.set(LinkLayout.PHRASE_COMMIT, 0, 0, 0, 0, index, 0, 0, 0));
        ring.publish();
    }

    private void stageNotes(int kind, PhrasePattern notes) {
        for (int note = 0; note < notes.noteCount(); note++) {
            ring.stage(record.set(kind, 0, notes.channel(note), notes.pitch(note), notes.velocity(note), 0, 0,
                    (double) notes.startStep(note) / LinkReader.STEPS_PER_BEAT,
                    (double) notes.endStep(note) / LinkReader.STEPS_PER_BEAT));
        }
    }

    /** Phrases waiting for room. Any thread. */
    public int waiting() {
        return waiting.size();
    }

    /** Phrases published so far. Any thread. */
    public long published() {
        return published;
    }

    /** Phrases dropped because they hold more records than the ring. Any thread. */
    public long tooLarge() {
        return tooLarge;
    }
}
