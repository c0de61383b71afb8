package dev.continuo.engine.generate;

/**
 * What a musician can turn when generating.
 *
 * @param seed       noise seed: the same seed, melody and preset give the same parts
 * @param threshold  note density: a cell sounds above this (−1..1), or NaN for the preset's default
 * @param noiseScale how much of the generator's randomness to use: 0 none, 1 as trained
 * @param ensemble   transposition ensemble (see {@code Decoding#ensemble}), or -1 for the preset's default
 * @param mix        how the parts are played (mute, solo, octave, velocity, humanize), or null for the preset's
 * @param density    how often notes are struck, 0 (sparse) … 1 (busy), for presets with onset planes (see
 *                   {@code Decoding#onsetThreshold}), or NaN for the preset's default
 */
public record GenerationSettings(long seed, double threshold, double noiseScale, int ensemble, Mix mix,
        double density) {

    /** Settings with the preset's mix and density. */
    public GenerationSettings(long seed, double threshold, double noiseScale, int ensemble) {
        this(seed, threshold, noiseScale, ensemble, null, Double.NaN);
    }

    public GenerationSettings {
        if (!Double.isNaN(density) && !(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException("density out of range 0..1: " + density);
        }
        if (!Double.isNaN(threshold) && !(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must lie strictly between -1 and 1: " + threshold);
        }
        if (ensemble < -1 || ensemble > 6) {
            throw new IllegalArgumentException("ensemble out of range 0..6: " + ensemble);
        }
        if (!(noiseScale >= 0)) {
            throw new IllegalArgumentException("noise scale cannot be negative: " + noiseScale);
        }
    }

    public GenerationSettings withSeed(long value) {
        return new GenerationSettings(value, threshold, noiseScale, ensemble, mix, density);
    }

    public GenerationSettings withThreshold(double value) {
        return new GenerationSettings(seed, value, noiseScale, ensemble, mix, density);
    }

    public GenerationSettings withNoiseScale(double value) {
        return new GenerationSettings(seed, threshold, value, ensemble, mix, density);
    }

    public GenerationSettings withMix(Mix value) {
        return new GenerationSettings(seed, threshold, noiseScale, ensemble, value, density);
    }

    public GenerationSettings withDensity(double value) {
        return new GenerationSettings(seed, threshold, noiseScale, ensemble, mix, value);
    }

    /** Seed 0, the preset's threshold, ensemble and mix, full noise. */
    public static GenerationSettings defaults() {
        return new GenerationSettings(0, Double.NaN, 1, -1);
    }
}
