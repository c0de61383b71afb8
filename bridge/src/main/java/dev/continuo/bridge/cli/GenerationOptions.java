package dev.continuo.bridge.cli;

import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.preset.PresetCatalog;
import picocli.CommandLine.Option;

/** The options shared by every command that generates: the preset and the musician's settings. */
final class GenerationOptions {

    @Option(names = "--preset", defaultValue = PresetCatalog.DEFAULT, paramLabel = "NAME",
            description = "Preset name or folder (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "Noise seed: same seed, same result (default 0).")
    long seed;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Note density: a note sounds where the model's output exceeds T (-1..1; lower = more "
                    + "notes; default: the preset's).")
    Double threshold;

    @Option(names = "--noise-scale", defaultValue = "1", paramLabel = "S",
            description = "How much of the generator's randomness to use: 0 none, 1 as trained (default 1).")
    double noiseScale;

    @Option(names = "--ensemble", paramLabel = "K",
            description = "Also generate from the melody moved by up to ±K semitones and average: steadier harmony, "
                    + "K×2+1 times the work (0-6; default: the preset's).")
    Integer ensemble;

    GenerationSettings settings() throws BadInputException {
        try {
            return new GenerationSettings(seed, threshold == null ? Double.NaN : threshold, noiseScale,
                    ensemble == null ? -1 : ensemble);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
