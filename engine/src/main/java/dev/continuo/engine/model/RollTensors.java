package dev.continuo.engine.model;

/**
 * Where a (sample, track, step, pitch row) cell lives in the model's flat tensors, for either layout of an
 * {@link Architecture}. Pitch row r is MIDI pitch {@code lowestPitch + r}. Melody tensors are [N, melodyChannels,
 * steps, width], track tensors [N, trackChannels, steps, width], both in C order. Stateless.
 */
public final class RollTensors {

    private final Architecture architecture;
    private final int pitches;

    public RollTensors(Architecture architecture) {
        this.architecture = architecture;
        this.pitches = architecture.pitchCount();
    }

    public long[] melodyShape(int batch, int steps) {
        return new long[] {batch, architecture.melodyChannels(), steps, architecture.width()};
    }

    public long[] trackShape(int batch, int steps) {
        return new long[] {batch, architecture.trackChannels(), steps, architecture.width()};
    }

    /** Offset of a melody cell. */
    public int melodyIndex(int sample, int steps, int step, int row) {
        if (architecture.pitchAsChannels()) {
            return ((sample * architecture.melodyChannels() + row) * steps) + step;
        }
        return (sample * steps + step) * pitches + row;
    }

    /**
     * Offset of a beat-phase cell: channel {@code pitchCount + phase} of the melody tensor (only for architectures
     * with {@link Architecture#beatPhase()}).
     */
    public int phaseIndex(int sample, int steps, int step, int phase) {
        return ((sample * architecture.melodyChannels() + pitches + phase) * steps) + step;
    }

    /** Offset of a track's sustain cell. */
    public int trackIndex(int sample, int steps, int track, int step, int row) {
        return trackIndex(sample, steps, Architecture.SUSTAIN_PLANE, track, step, row);
    }

    /**
     * Offset of a cell of one plane of a track ({@link Architecture#SUSTAIN_PLANE} or {@link
     * Architecture#ONSET_PLANE}): the planes are consecutive blocks of {@link Architecture#TRACKS} tracks' channels.
     */
    public int trackIndex(int sample, int steps, int plane, int track, int step, int row) {
        int channel = (sample * architecture.trackPlanes() + plane) * Architecture.TRACKS + track;
        if (architecture.pitchAsChannels()) {
            return (channel * pitches + row) * steps + step;
        }
        return (channel * steps + step) * pitches + row;
    }
}
