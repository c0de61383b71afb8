package dev.continuo.engine.model;

/**
 * The shape of the accompaniment GAN: a U-Net generator (melody roll in, {@link #TRACKS} part rolls out) and a
 * convolutional critic, after AWS DeepComposer's GAN lab.
 *
 * <p>Two layouts: convolutions over steps × pitches with one channel per track (DeepComposer's, pitch-equivariant),
 * or over steps alone with the pitches as channels ({@code pitchAsChannels}), which sees every interval at once
 * and runs as a few large matrix products — several times faster on a CPU.
 *
 * <p>Generator: {@code depth} encoder blocks [conv 4×4 stride 2, LeakyReLU 0.2, BatchNorm (not on the first)] with
 * {@code baseFilters}·2<sup>i</sup> filters; noise of {@code noiseChannels} joined at the bottleneck; {@code depth−1}
 * decoder blocks [upsample ×2, conv 4×4, BatchNorm, ReLU, concatenate the matching encoder output]; upsample ×2,
 * conv 4×4 to the tracks, tanh. Critic: the tracks and the melody (5 channels), {@code depth} × [conv 4×4 stride 2,
 * LeakyReLU 0.2] with {@code criticFilters}·2<sup>i</sup> filters, flatten, dense to one score.
 *
 * <p>The generator is fully convolutional, so it accepts any number of steps that is a multiple of
 * {@link #stepMultiple()}; the critic, used only in training, sees windows of {@code windowSteps}.
 *
 * @param name          a short name, e.g. "compact"
 * @param windowSteps   steps per training window (32 = two bars of 4/4 in sixteenths)
 * @param lowestPitch   MIDI pitch of the lowest row of the roll
 * @param pitchCount    number of pitch rows
 * @param pitchAsChannels convolve over steps only, with pitches as channels
 * @param baseFilters   filters of the generator's first block
 * @param criticFilters filters of the critic's first block
 * @param depth         encoder blocks (the roll shrinks by 2<sup>depth</sup> in each direction)
 * @param noiseChannels channels of noise joined at the bottleneck
 * @param beatPhase     give the networks {@value #PHASES} more input channels saying where each step lies within its
 *                      beat (a one-hot of step mod 4), so harmony can change on the beat; pitches-as-channels only
 * @param onsets        each track has two planes: where notes sound and where they start ({@link #ONSET_PLANE}), so a
 *                      chord struck again on the beat is told from one held (presets made before this: false)
 */
public record Architecture(String name, int windowSteps, int lowestPitch, int pitchCount, boolean pitchAsChannels,
        int baseFilters, int criticFilters, int depth, int noiseChannels, boolean beatPhase, boolean onsets) {

    /** Parts the generator writes. */
    public static final int TRACKS = 4;
    /** Convolution kernel size in both directions. */
    public static final int KERNEL = 4;
    /** Steps per beat the phase channels distinguish (sixteenths in a quarter note). */
    public static final int PHASES = 4;
    /** The plane of a track that says where its notes sound (held or struck). */
    public static final int SUSTAIN_PLANE = 0;
    /** The plane of a track that says where its notes start, in architectures with {@link #onsets()}. */
    public static final int ONSET_PLANE = 1;
    /** Slope of LeakyReLU below zero, in the encoder and the critic. */
    public static final double LEAKY_SLOPE = 0.2;
    /** BatchNorm epsilon, as Keras. */
    public static final double BATCH_NORM_EPSILON = 1e-3;

    /** An architecture without onset planes. */
    public Architecture(String name, int windowSteps, int lowestPitch, int pitchCount, boolean pitchAsChannels,
            int baseFilters, int criticFilters, int depth, int noiseChannels, boolean beatPhase) {
        this(name, windowSteps, lowestPitch, pitchCount, pitchAsChannels, baseFilters, criticFilters, depth,
                noiseChannels, beatPhase, false);
    }

    public Architecture {
        if (depth < 1 || depth > 6) {
            throw new IllegalArgumentException("depth out of range 1..6: " + depth);
        }
        int multiple = 1 << depth;
        if (windowSteps < multiple || windowSteps % multiple != 0) {
            throw new IllegalArgumentException("window of " + windowSteps + " steps is not a multiple of " + multiple);
        }
        if (!pitchAsChannels && (pitchCount < multiple || pitchCount % multiple != 0)) {
            throw new IllegalArgumentException(pitchCount + " pitches is not a multiple of " + multiple);
        }
        if (lowestPitch < 0 || lowestPitch + pitchCount > 128) {
            throw new IllegalArgumentException("pitch window " + lowestPitch + ".." + (lowestPitch + pitchCount - 1)
                    + " leaves the MIDI range");
        }
        if (beatPhase && !pitchAsChannels) {
            throw new IllegalArgumentException("beat phase channels need the pitches-as-channels layout");
        }
        if (baseFilters < 1 || criticFilters < 1 || noiseChannels < 0) {
            throw new IllegalArgumentException("filter and noise counts must be positive");
        }
    }

    /** Exactly the DeepComposer recipe: 32 × 128 rolls, 64–512 filters, 512 noise channels (8.27 M + 2.77 M). */
    public static Architecture deepcomposer() {
        return new Architecture("deepcomposer", 32, 0, 128, false, 64, 64, 4, 512, false);
    }

    /**
     * The default for presets: pitches 28–91 (the chorales' 36–81 with room to transpose) as channels of a
     * convolution over time, plus the beat phase, with onset planes.
     */
    public static Architecture compact() {
        return new Architecture("compact", 32, 28, 64, true, 96, 64, 4, 32, true, true);
    }

    /** The architecture with this name. */
    public static Architecture named(String name) {
        return switch (name) {
            case "deepcomposer" -> deepcomposer();
            case "compact" -> compact();
            default -> throw new IllegalArgumentException("unknown architecture \"" + name
                    + "\" (known: compact, deepcomposer)");
        };
    }

    /** This architecture with the beat-phase channels on or off (pitches-as-channels layouts only). */
    public Architecture withBeatPhase(boolean phase) {
        return new Architecture(name, windowSteps, lowestPitch, pitchCount, pitchAsChannels, baseFilters,
                criticFilters, depth, noiseChannels, phase, onsets);
    }

    /** This architecture with or without onset planes. */
    public Architecture withOnsets(boolean value) {
        return new Architecture(name, windowSteps, lowestPitch, pitchCount, pitchAsChannels, baseFilters,
                criticFilters, depth, noiseChannels, beatPhase, value);
    }

    /** This architecture trained on windows of another length (a multiple of {@link #stepMultiple()}). */
    public Architecture withWindowSteps(int steps) {
        return new Architecture(name, steps, lowestPitch, pitchCount, pitchAsChannels, baseFilters, criticFilters,
                depth, noiseChannels, beatPhase, onsets);
    }

    /** Planes per track: sustain, and onsets where the architecture has them. */
    public int trackPlanes() {
        return onsets ? 2 : 1;
    }

    /** Generator inputs must have a multiple of this many steps. */
    public int stepMultiple() {
        return 1 << depth;
    }

    /** Filters of generator encoder block {@code i} (and of decoder block {@code i}). */
    public int generatorFilters(int block) {
        return baseFilters << block;
    }

    /** Filters of critic block {@code i}. */
    public int criticFilters(int block) {
        return criticFilters << block;
    }

    /** Channels of the generator's input: the melody's pitches (and the beat phase), or one. */
    public int melodyChannels() {
        return pitchAsChannels ? pitchCount + (beatPhase ? PHASES : 0) : 1;
    }

    /** Channels of the generated tracks: planes × tracks × pitches, or planes × tracks. */
    public int trackChannels() {
        return trackPlanes() * (pitchAsChannels ? TRACKS * pitchCount : TRACKS);
    }

    /** Width of the model's tensors: 1 with pitches as channels, else the pitch count. */
    public int width() {
        return pitchAsChannels ? 1 : pitchCount;
    }

    /** Kernel width: 1 with pitches as channels, else {@link #KERNEL}. */
    public int kernelWidth() {
        return pitchAsChannels ? 1 : KERNEL;
    }

    /** Width at the bottleneck, where the noise joins. */
    public int bottleneckWidth() {
        return pitchAsChannels ? 1 : pitchCount >> depth;
    }

    /** Highest pitch of the roll. */
    public int highestPitch() {
        return lowestPitch + pitchCount - 1;
    }
}
