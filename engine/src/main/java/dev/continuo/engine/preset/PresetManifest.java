package dev.continuo.engine.preset;

import dev.continuo.engine.model.Architecture;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code preset.json} of a genre preset: what the preset is, its parts, its model's architecture, how it
 * decodes, how it was trained and how well it did.
 *
 * @param name         short name used on the command line, e.g. "chorale"
 * @param description  one sentence for people
 * @param architecture the model's shape
 * @param parts        the four generated parts
 * @param decoding     defaults for turning outputs into notes
 * @param training     how the weights were made
 * @param metrics      quality figures measured at the end of training, by metric name
 */
public record PresetManifest(String name, String description, Architecture architecture, List<PartSpec> parts,
        Decoding decoding, TrainingInfo training, Map<String, Double> metrics) {

    /** True for 1–40 lower-case letters, digits and dashes, starting with a letter or digit. */
    public static boolean isValidName(String name) {
        return name != null && name.matches("[a-z0-9][a-z0-9-]{0,39}");
    }

    public PresetManifest {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("preset name must be 1-40 lower-case letters, digits or dashes: "
                    + name);
        }
        if (architecture == null || decoding == null) {
            throw new IllegalArgumentException("preset \"" + name + "\" lacks its architecture or decoding");
        }
        if (parts == null || parts.size() != Architecture.TRACKS) {
            throw new IllegalArgumentException("preset \"" + name + "\" must define exactly " + Architecture.TRACKS
                    + " parts");
        }
        parts = List.copyOf(parts);
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
