package dev.continuo.bridge.cli;

import java.nio.file.Path;

/** Where presets live: the user's own (trained) presets, beside the bundled ones. */
final class PresetLocations {

    private PresetLocations() {
    }

    /** {@code $XDG_DATA_HOME/continuo/presets}, or {@code ~/.local/share/continuo/presets}. */
    static Path userPresets() {
        String dataHome = System.getenv("XDG_DATA_HOME");
        Path base = dataHome != null && !dataHome.isBlank() ? Path.of(dataHome)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("continuo").resolve("presets");
    }
}
