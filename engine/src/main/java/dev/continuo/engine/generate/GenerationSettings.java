package dev.continuo.engine.generate;

/**
 * What a musician can turn when generating.
 *
 * @param seed       noise seed: the same seed, melody and preset give the same parts
 * @param threshold  note density: a cell sounds above this (−1..1), or NaN for the preset's default
 * @param noiseScale how much of the generator's randomness to use: 0 none, 1 as trained
 */
public record GenerationSettings(long seed, double threshold, double noiseScale) {

    public GenerationSettings {
        if (!Double.isNaN(threshold) && !(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must lie strictly between -1 and 1: " + threshold);
        }
        if (!(noiseScale >= 0)) {
            throw new IllegalArgumentException("noise scale cannot be negative: " + noiseScale);
        }
    }

    /** Seed 0, the preset's threshold, full noise. */
    public static GenerationSettings defaults() {
        return new GenerationSettings(0, Double.NaN, 1);
    }
}
