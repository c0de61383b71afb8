package dev.continuo.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.testing.TinyModels;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog as {@code continuo presets} sees it: the bundled presets (the presets module) on the class path. */
class PresetCatalogTest {

    @Test
    void aUserPresetNamedAsABundledOneIsListedAsHidingIt(@TempDir Path userPresets) throws Exception {
        TinyModels.preset(1).save(userPresets.resolve("chorale"));
        TinyModels.preset(2).save(userPresets.resolve("mine"));
        Map<String, PresetCatalog.Entry> entries = new PresetCatalog(userPresets).list().stream()
                .collect(Collectors.toMap(PresetCatalog.Entry::name, Function.identity()));
        assertEquals(new PresetCatalog.Entry("chorale", userPresets.resolve("chorale").toString(), false, true),
                entries.get("chorale"));
        assertEquals(new PresetCatalog.Entry("folk", "bundled", true, false), entries.get("folk"));
        assertEquals(new PresetCatalog.Entry("mine", userPresets.resolve("mine").toString(), false, false),
                entries.get("mine"));
    }
}
