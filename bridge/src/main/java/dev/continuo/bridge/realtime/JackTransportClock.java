package dev.continuo.bridge.realtime;

import dev.continuo.bridge.cycle.TransportSnapshot;

/**
 * Musical time from a transport with bar/beat/tick (a JACK timebase master). The position is taken from the
 * bar/beat/tick whenever the transport starts or jumps, and integrated from the tempo while it rolls on: that follows
 * tempo changes, and does not inherit the rounding of masters that advance whole ticks per cycle. Cycles this client
 * missed (an xrun) are integrated too rather than re-read from bar/beat/tick, which masters may report a cycle late.
 * Real-time thread only.
 */
public final class JackTransportClock {

    /** A forward step of the transport up to this long is cycles we missed, not a relocation. */
    private static final double MAX_MISSED_SECONDS = 0.25;

    private boolean wasRolling;
    private long expectedFrame;
    private double expectedStep;
    private double lastFramesPerStep;

    /**
     * Describes this cycle from the transport.
     *
     * @return false if the transport has no musical time (no timebase master); {@code out} is then untouched
     */
    public boolean advance(TransportSnapshot transport, int frames, int sampleRate, CyclePosition out) {
        if (!transport.available() || !transport.bbtValid()) {
            wasRolling = false;
            return false;
        }
        int stepsPerBeat = Math.max(1, Math.round(16f / transport.beatType()));
        double framesPerStep = sampleRate * 60.0 / (transport.beatsPerMinute() * stepsPerBeat);
        if (!transport.rolling()) {
            wasRolling = false;
            out.stopped(ClockSource.JACK);
            return true;
        }
        long missedFrames = transport.frame() - expectedFrame;
        boolean contiguous = wasRolling && missedFrames >= 0 && missedFrames <= MAX_MISSED_SECONDS * sampleRate;
        double step = contiguous ? expectedStep + missedFrames / lastFramesPerStep
                : ((transport.bar() - 1) * (double) transport.beatsPerBar() + (transport.beat() - 1)
                        + transport.tick() / transport.ticksPerBeat()) * stepsPerBeat;
        out.rolling = true;
        out.contiguous = contiguous;
        out.startStep = step;
        out.firstOffset = 0;
        out.framesPerStep = framesPerStep;
        out.stepsPerBeat = stepsPerBeat;
        out.stepsPerBar = Math.max(1, Math.round(transport.beatsPerBar() * stepsPerBeat));
        out.beatsPerMinute = transport.beatsPerMinute();
        out.loopsPhrase = false;
        out.source = ClockSource.JACK;
        wasRolling = true;
        expectedFrame = transport.frame() + frames;
        expectedStep = step + frames / framesPerStep;
        lastFramesPerStep = framesPerStep;
        return true;
    }
}
