package dev.continuo.bridge.serve;

import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The presets the engine's sessions use, each loaded once and shared with its {@link Accompanist}. Loading reads
 * files, so it runs on the generation worker, never on a real-time or housekeeping thread; selecting a preset
 * reads it from disk again (the user may have retrained it since).
 */
final class PresetCache {

    /** A preset and the accompanist that generates with it (used on the generation worker only). */
    record Loaded(String name, Preset preset, Accompanist accompanist) {
    }

    private final PresetCatalog catalog;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    PresetCache(PresetCatalog catalog) {
        this.catalog = catalog;
    }

    /** Shares {@code preset}, already loaded as {@code name}. */
    Loaded add(String name, Preset preset) {
        Loaded entry = new Loaded(name, preset, new Accompanist(preset));
        loaded.put(name, entry);
        return entry;
    }

    /** The preset called {@code name} as loaded before, or loaded now. */
    Loaded get(String name) throws CorruptWeightsException {
        Loaded entry = loaded.get(name);
        return entry != null ? entry : fresh(name);
    }

    /** The preset called {@code name}, read from disk now, replacing what was shared before. */
    Loaded fresh(String name) throws CorruptWeightsException {
        return add(name, catalog.load(name));
    }

    /**
     * The preset a Program Change selects: the {@code program}-th (from 0) of the catalogue's list, read now.
     *
     * @throws CorruptWeightsException if there are not that many presets, or it is damaged
     */
    Loaded byProgram(int program) throws CorruptWeightsException {
        List<PresetCatalog.Entry> entries;
        try {
            entries = catalog.list();
        } catch (IOException e) {
            throw new CorruptWeightsException("cannot list presets: " + e.getMessage(), e);
        }
        if (program >= entries.size()) {
            throw new CorruptWeightsException("there are only " + entries.size() + " presets");
        }
        return fresh(entries.get(program).name());
    }
}
