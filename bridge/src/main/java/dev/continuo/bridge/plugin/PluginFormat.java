package dev.continuo.bridge.plugin;

import java.nio.file.Path;

/**
 * The plug-in formats Continuo's C shims are built for, each a bundle folder: where the build (and the package)
 * puts it, relative to the plug-ins folder ({@code native/target} in a checkout, {@code /usr/lib} in the Debian
 * package, the formats' system folders), and the per-user folder hosts search on Linux.
 */
public enum PluginFormat {
    LV2("LV2", "lv2", "continuo.lv2", ".lv2"),
    CLAP("CLAP", "clap", "continuo.clap", ".clap"),
    VST3("VST3", "vst3", "continuo.vst3", ".vst3");

    private final String title;
    private final String folder;
    private final String bundle;
    private final String userFolder;

    PluginFormat(String title, String folder, String bundle, String userFolder) {
        this.title = title;
        this.folder = folder;
        this.bundle = bundle;
        this.userFolder = userFolder;
    }

    /** The format's name as hosts show it. */
    public String title() {
        return title;
    }

    /** The bundle's name ({@code continuo.lv2}, …). */
    public String bundleName() {
        return bundle;
    }

    /** The built bundle below a plug-ins folder: {@code PLUGINS/lv2/continuo.lv2}, … */
    public Path builtIn(Path plugins) {
        return plugins.resolve(folder).resolve(bundle);
    }

    /** The per-user folder hosts search on Linux: {@code ~/.lv2}, {@code ~/.clap}, {@code ~/.vst3}. */
    public Path userFolder(Path home) {
        return home.resolve(userFolder);
    }
}
