package dev.continuo.engine.testing;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.model.TrainingConfig;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.PartSpec;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.preset.TrainingInfo;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/** Small models and presets that tests can build in milliseconds. */
public final class TinyModels {

    private TinyModels() {
    }

    /** Pitches 48–79 as channels plus the beat phase, 16-step windows, depth 2. */
    public static Architecture architecture() {
        return new Architecture("tiny", 16, 48, 32, true, 8, 8, 2, 4, true);
    }

    /** An untrained preset on {@link #architecture()} with parts on channels 2–5. */
    public static Preset preset(long seed) {
        return preset(seed, architecture(), new Decoding(0, true, 64, 2, 1));
    }

    /**
     * An untrained preset with onset planes, decoding in C major / A minor (melody centre 64, no ensemble) at the
     * default density.
     */
    public static Preset onsetPreset(long seed) {
        return preset(seed, architecture().withOnsets(true), new Decoding(0, true, 64, 1, 0, 0, true,
                Decoding.DEFAULT_DENSITY, null, 0, 0, 0, null, null));
    }

    private static Preset preset(long seed, Architecture a, Decoding decoding) {
        List<PartSpec> parts = List.of(new PartSpec("One", 19, 2), new PartSpec("Two", 19, 3),
                new PartSpec("Three", 32, 4), new PartSpec("Four", 33, 5));
        PresetManifest manifest = new PresetManifest("tiny", "for tests", a, parts, decoding,
                new TrainingInfo(TrainingConfig.deepcomposer(seed), 0, 0, "none", "none"), Map.of());
        return new Preset(manifest, ModelWeights.initialize(a, seed, DataType.FLOAT));
    }
}
