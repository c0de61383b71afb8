package dev.continuo.bridge.cli;

import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.preset.PartSpec;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options shared by every command that generates: the preset and the musician's settings (density, seed,
 * noise, ensemble, and the mix: mute, solo, octave, velocity, humanize).
 */
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

    @Option(names = "--density", paramLabel = "D",
            description = "How often the parts strike: 0 about once a bar, 0.5 as often as the training data, 1 up to "
                    + "four times as often; the model's onsets decide where (default: the preset's; presets with "
                    + "onsets).")
    Double density;

    @Option(names = "--noise-scale", defaultValue = "1", paramLabel = "S",
            description = "How much of the generator's randomness to use: 0 none, 1 as trained (default 1).")
    double noiseScale;

    @Option(names = "--ensemble", paramLabel = "K",
            description = "Also generate from the melody moved by up to ±K semitones and average: steadier harmony, "
                    + "K×2+1 times the work (0-6; default: the preset's).")
    Integer ensemble;

    @Option(names = "--mute", split = ",", paramLabel = "PART",
            description = "Silence these parts (number 1-4 or name, e.g. --mute bass); their tracks stay, empty.")
    List<String> mute = List.of();

    @Option(names = "--unmute", split = ",", paramLabel = "PART",
            description = "Let these parts sound even if the preset mutes them by default.")
    List<String> unmute = List.of();

    @Option(names = "--solo", split = ",", paramLabel = "PART", description = "Let only these parts sound.")
    List<String> solo = List.of();

    @Option(names = "--octave", split = ",", paramLabel = "PART=N",
            description = "Move a part by N octaves (-3..3), e.g. --octave bass=-1.")
    Map<String, Integer> octave = Map.of();

    @Option(names = "--velocity", split = ",", paramLabel = "[PART=]V",
            description = "Note velocity 1-127 of every part, or of one part (--velocity 2=100).")
    List<String> velocity = List.of();

    @Option(names = "--humanize", paramLabel = "A",
            description = "Vary velocities by up to ±24×A (0-1; default: the preset's); same seed, same result.")
    Double humanize;

    /** The settings, with the mix resolved against the preset's parts and defaults. */
    GenerationSettings settings(PresetManifest manifest) throws BadInputException {
        try {
            GenerationSettings settings = new GenerationSettings(seed, threshold == null ? Double.NaN : threshold,
                    noiseScale, ensemble == null ? -1 : ensemble).withDensity(density == null ? Double.NaN : density);
            return manifest == null ? settings : settings.withMix(mix(manifest));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private Mix mix(PresetManifest manifest) throws BadInputException {
        Mix mix = Mix.of(manifest);
        for (String part : unmute) {
            int index = partIndex(manifest, part);
            mix = mix.withPart(index, mix.parts().get(index).withMuted(false));
        }
        for (String part : mute) {
            int index = partIndex(manifest, part);
            mix = mix.withPart(index, mix.parts().get(index).withMuted(true));
        }
        for (String part : solo) {
            int index = partIndex(manifest, part);
            mix = mix.withPart(index, mix.parts().get(index).withSolo(true));
        }
        for (Map.Entry<String, Integer> shift : octave.entrySet()) {
            int index = partIndex(manifest, shift.getKey());
            mix = mix.withPart(index, mix.parts().get(index).withOctave(shift.getValue()));
        }
        for (String setting : velocity) {
            int equals = setting.indexOf('=');
            int value = parseVelocity(setting.substring(equals + 1));
            for (int index = 0; index < Architecture.TRACKS; index++) {
                if (equals < 0 || index == partIndex(manifest, setting.substring(0, equals))) {
                    mix = mix.withPart(index, mix.parts().get(index).withVelocity(value));
                }
            }
        }
        return humanize == null ? mix : mix.withHumanize(humanize);
    }

    private static int parseVelocity(String text) throws BadInputException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("--velocity takes a number 1-127 or PART=number, not \"" + text + "\"");
        }
    }

    /** "4 parts", or e.g. "3 parts (Soprano silent)": the generated parts of a result, naming those without notes. */
    static String partsSummary(PianoRoll result) {
        List<String> silent = result.parts().subList(1, result.parts().size()).stream()
                .filter(part -> part.notes().isEmpty()).map(Part::name).toList();
        int sounding = result.parts().size() - 1 - silent.size();
        return sounding + (sounding == 1 ? " part" : " parts")
                + (silent.isEmpty() ? "" : " (" + String.join(", ", silent) + " silent)");
    }

    /** A part given by number (1-4) or by name (case-insensitive). */
    static int partIndex(PresetManifest manifest, String part) throws BadInputException {
        String wanted = part.trim();
        List<PartSpec> parts = manifest.parts();
        for (int index = 0; index < parts.size(); index++) {
            if (wanted.equals(Integer.toString(index + 1)) || parts.get(index).name().equalsIgnoreCase(wanted)) {
                return index;
            }
        }
        throw new BadInputException("preset \"" + manifest.name() + "\" has no part \"" + wanted + "\" (parts: 1-"
                + parts.size() + " or " + String.join(", ", parts.stream().map(PartSpec::name).toList()) + ")");
    }
}
