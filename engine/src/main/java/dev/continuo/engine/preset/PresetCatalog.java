package dev.continuo.engine.preset;

import dev.continuo.engine.model.CorruptWeightsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds presets by name: the user's own (in a presets folder, one sub-folder per preset) first, then those bundled
 * on the class path under {@value #BUNDLED} and listed in its {@code index.txt}.
 */
public final class PresetCatalog {

    /** Class-path folder of the bundled presets. */
    public static final String BUNDLED = "/dev/continuo/presets/";
    /** The preset used when none is named. */
    public static final String DEFAULT = "chorale";

    private final Path userPresets;

    /** @param userPresets the user's presets folder (it need not exist) */
    public PresetCatalog(Path userPresets) {
        this.userPresets = userPresets;
    }

    /**
     * Where a preset comes from.
     *
     * @param hidesBundled a user preset named as a bundled one, which it hides
     */
    public record Entry(String name, String location, boolean bundled, boolean hidesBundled) {
    }

    /** Every preset, by name; a user preset hides a bundled one of the same name. */
    public List<Entry> list() throws IOException {
        TreeMap<String, Entry> entries = new TreeMap<>();
        for (String name : bundledNames()) {
            entries.put(name, new Entry(name, "bundled", true, false));
        }
        if (Files.isDirectory(userPresets)) {
            try (Stream<Path> dirs = Files.list(userPresets)) {
                for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(Preset.MANIFEST))).sorted().toList()) {
                    String name = dir.getFileName().toString();
                    Entry hidden = entries.get(name);
                    entries.put(name, new Entry(name, dir.toString(), false, hidden != null && hidden.bundled()));
                }
            }
        }
        return new ArrayList<>(entries.values());
    }

    /**
     * Loads a preset by name, or from a folder if {@code nameOrPath} is one.
     *
     * @throws CorruptWeightsException if there is no such preset or it is damaged
     */
    public Preset load(String nameOrPath) throws CorruptWeightsException {
        Path asPath = Path.of(nameOrPath);
        if (Files.isDirectory(asPath) && Files.isRegularFile(asPath.resolve(Preset.MANIFEST))) {
            return Preset.load(asPath);
        }
        Path user = userPresets.resolve(nameOrPath);
        if (Files.isRegularFile(user.resolve(Preset.MANIFEST))) {
            return Preset.load(user);
        }
        try {
            if (bundledNames().contains(nameOrPath)) {
                return Preset.loadResource(BUNDLED + nameOrPath + "/");
            }
            throw new CorruptWeightsException("no preset named \"" + nameOrPath + "\" (known: "
                    + String.join(", ", list().stream().map(Entry::name).toList()) + ")");
        } catch (IOException e) {
            throw new CorruptWeightsException("cannot list presets: " + e.getMessage(), e);
        }
    }

    private static List<String> bundledNames() throws IOException {
        try (InputStream index = PresetCatalog.class.getResourceAsStream(BUNDLED + "index.txt")) {
            if (index == null) {
                return List.of();
            }
            return new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
