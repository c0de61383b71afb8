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
            return ((sample * pitches + row) * steps) + step;
        }
        return (sample * steps + step) * pitches + row;
    }

    /** Offset of a track cell. */
    public int trackIndex(int sample, int steps, int track, int step, int row) {
        if (architecture.pitchAsChannels()) {
            return ((sample * Architecture.TRACKS + track) * pitches + row) * steps + step;
        }
        return ((sample * Architecture.TRACKS + track) * steps + step) * pitches + row;
    }
}
