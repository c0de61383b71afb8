package dev.continuo.bridge.plugin;

import dev.continuo.bridge.realtime.CaptureRecord;

/**
 * Turns what a plug-in sends (BLOCK and NOTE records, positions in beats) into the {@link CaptureRecord}s a phrase
 * recorder takes from the real-time engine (positions in sixteenth steps): a note at beat {@code x} is at step
 * {@code 4x}; each block becomes a CYCLE with rolling, steps per bar {@code a × 16 / b} and the end step
 * {@code (beat + frames / rate × bpm / 60) × 4}.
 *
 * <p>A plug-in sends a block's BLOCK before its notes, the real-time engine a cycle's CYCLE after them, so a block's
 * CYCLE is passed on when the next BLOCK arrives; it is marked not contiguous if that next block JUMPED, which
 * closes the phrase captured before the jump with the block's notes in it. Note-offs are Note Off or Note On with
 * velocity 0 on any channel; other messages are counted and ignored.
 *
 * <p>Called on the session's housekeeping thread only.
 */
public final class LinkReader {

    /** Takes capture records, as {@code PhraseRecorder.accept} does. */
    @FunctionalInterface
    public interface CaptureConsumer {
        void accept(long packed, long value);
    }

    /** Sixteenths per quarter note: link positions are in quarter notes, capture positions in sixteenths. */
    public static final int STEPS_PER_BEAT = 4;

    private final LinkRing ring;
    private final CaptureConsumer target;
    private final LinkRecord record = new LinkRecord();
    private boolean pending;
    private boolean pendingRolling;
    private int pendingStepsPerBar;
    private double pendingEndStep;
    private volatile long blocks;
    private volatile long notes;
    private volatile long ignored;
    private volatile long notesWhileStopped;

    public LinkReader(LinkRing ring, CaptureConsumer target) {
        this.ring = ring;
        this.target = target;
    }

    /** Takes every record waiting in the ring; returns how many there were. */
    public int drain() {
        int taken = 0;
        while (ring.poll(record)) {
            switch (record.kind) {
                case LinkLayout.BLOCK -> block();
                case LinkLayout.NOTE -> note();
                default -> ignored++;
            }
            taken++;
        }
        return taken;
    }

    private void block() {
        boolean jumped = (record.flags & LinkLayout.JUMPED) != 0;
        if (pending) {
            target.accept(CaptureRecord.pack(CaptureRecord.CYCLE, pendingRolling ? 1 : 0, jumped ? 0 : 1,
                    pendingStepsPerBar), Double.doubleToRawLongBits(pendingRolling ? pendingEndStep : 0));
        }
        blocks++;
        pending = true;
        pendingRolling = (record.flags & LinkLayout.ROLLING) != 0;
        pendingStepsPerBar = record.a > 0 && record.b > 0 ? record.a * 16 / record.b : 0;
        double seconds = record.rate > 0 ? (double) record.frames / record.rate : 0;
        pendingEndStep = (record.beat + seconds * record.value / 60) * STEPS_PER_BEAT;
    }

    private void note() {
        int type = record.a & 0xF0;
        if ((type != 0x90 && type != 0x80) || record.b > 127 || record.c > 127) {
            ignored++;
            return;
        }
        if (!pendingRolling) {
            notesWhileStopped++;
            return;
        }
        int velocity = type == 0x90 ? record.c : 0;
        notes++;
        target.accept(CaptureRecord.pack(CaptureRecord.NOTE, record.a & 0x0F, record.b, velocity),
                Double.doubleToRawLongBits(record.beat * STEPS_PER_BEAT));
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
