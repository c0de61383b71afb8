package dev.continuo.bridge.cli;

import dev.continuo.bridge.config.Platform;
import dev.continuo.bridge.plugin.PluginInstaller;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code continuo plugin install|uninstall|status}: the LV2, CLAP and VST3 plug-ins for the current user. */
@Command(name = "plugin", mixinStandardHelpOptions = true,
        description = {"Install the Continuo plug-ins (LV2, CLAP, VST3) for the current user: into ~/.lv2, ~/.clap "
            + "and ~/.vst3, where hosts look. The Debian package installs them for everyone already (/usr/lib/lv2, "
            + "/usr/lib/clap, /usr/lib/vst3). Each instance connects to the running engine (continuo serve)."})
final class PluginCommand implements Callable<Integer> {

    /** Set by the launchers: the folder holding the built bundles (lv2/, clap/, vst3/). */
    static final String PLUGINS_PROPERTY = "continuo.plugins";

    @Parameters(index = "0", paramLabel = "ACTION", description = "install, uninstall or status.")
    String action;

    @Option(names = "--into", paramLabel = "DIR",
            description = "One folder for every format instead of each format's user folder.")
    Path into;

    @Option(names = "--from", paramLabel = "DIR",
            description = "The folder holding the built bundles (default: the ones that came with this continuo).")
    Path from;

    @Override
    public Integer call() throws BadInputException, IOException {
        if (Platform.current().os() != Platform.Os.LINUX) {
            throw new BadInputException("the plug-ins are built for Linux only so far; use the virtual MIDI ports "
                    + "of continuo serve instead");
        }
        PluginInstaller installer = new PluginInstaller(plugins(), Platform.current().home());
        List<PluginInstaller.Outcome> outcomes = switch (action) {
            case "install" -> installer.install(into);
            case "uninstall" -> installer.uninstall(into);
            case "status" -> installer.status(into);
            default -> throw new BadInputException("unknown action \"" + action + "\" (install, uninstall, status)");
        };
        for (PluginInstaller.Outcome outcome : outcomes) {
            System.out.printf("%-5s %s: %s%n", outcome.format().title(), outcome.bundle(), outcome.what());
        }
        return Continuo.OK;
    }

    private Path plugins() throws BadInputException {
        if (from != null) {
            return from;
        }
        String property = System.getProperty(PLUGINS_PROPERTY);
        if (property == null) {
            throw new BadInputException("cannot tell where the plug-ins were built; pass --from DIR");
        }
        return Path.of(property);
    }
}
