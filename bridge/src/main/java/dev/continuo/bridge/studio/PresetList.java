package dev.continuo.bridge.studio;

import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.PartSpec;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.preset.PresetManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The presets the page offers, bundled and the user's own, with their parts and default mix.
 *
 * <p>Loading a preset reads its weights (about a second for the two bundled ones), so each manifest is kept, by
 * where it lives and when its preset.json last changed: a preset trained or retrained since shows up at the next
 * call. Thread-safe.
 */
public final class PresetList {

    private static final Logger LOG = LoggerFactory.getLogger(PresetList.class);

    private final PresetCatalog catalog;
    private final Map<String, PresetManifest> manifests = new ConcurrentHashMap<>();

    /**
     * One preset.
     *
     * @param name        its name
     * @param description one line
     * @param bundled     shipped with Continuo, else the user's
     * @param parts       the four generated parts
     */
    public record Entry(String name, String description, boolean bundled, List<PartSpec> parts) {
    }

    public PresetList(PresetCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every preset that loads; a damaged one is left out and logged. */
    public List<Entry> all() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (PresetCatalog.Entry entry : catalog.list()) {
            String where = entry.bundled() ? entry.name() : entry.location();
            String version = entry.bundled() ? where
                    : where + "@" + Files.getLastModifiedTime(Path.of(where, Preset.MANIFEST)).toMillis();
            try {
                PresetManifest manifest = manifests.get(version);
                if (manifest == null) {
                    manifest = catalog.load(where).manifest();
                    manifests.put(version, manifest);
                }
                entries.add(new Entry(entry.name(), manifest.description(), entry.bundled(), manifest.parts()));
            } catch (CorruptWeightsException e) {
                LOG.warn("Left out preset \"{}\": {}", entry.name(), e.getMessage());
            }
        }
        return entries;
    }
}
