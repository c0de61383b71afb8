package dev.continuo.bridge.cli;

import dev.continuo.bridge.config.Platform;
import dev.continuo.bridge.service.ServiceInstaller;
import dev.continuo.bridge.service.UserServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code continuo service install|uninstall|status}: the engine as a per-user background service. */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Run the engine in the background for the current user, started at login (systemd user "
            + "unit on Linux, launchd agent on macOS, Startup entry on Windows). No root needed; safe to repeat."})
final class ServiceCommand implements Callable<Integer> {

    /** Set by the launchers: the command that starts Continuo. */
    static final String LAUNCHER_PROPERTY = "continuo.launcher";

    @Parameters(index = "0", paramLabel = "ACTION", description = "install, uninstall or status.")
    String action;

    @Option(names = "--launcher", paramLabel = "PATH",
            description = "The continuo command the service runs (default: the one running now).")
    Path launcher;

    @Option(names = "--no-start",
            description = "Only write or remove the service definition; do not call systemctl or launchctl.")
    boolean noStart;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException {
        Platform platform = Platform.current();
        ServiceInstaller installer = new ServiceInstaller(UserServices.forPlatform(platform), !noStart);
        switch (action) {
            case "install" -> installer.install(launcher());
            case "uninstall" -> installer.uninstall();
            case "status" -> System.out.println(installer.status());
            default -> throw new BadInputException("unknown action \"" + action + "\" (install, uninstall, status)");
        }
        return Continuo.OK;
    }

    private Path launcher() throws BadInputException {
        Path chosen = launcher;
        if (chosen == null) {
            String property = System.getProperty(LAUNCHER_PROPERTY);
            if (property == null) {
                throw new BadInputException("cannot tell which continuo command to start; pass --launcher PATH");
            }
            chosen = Path.of(property);
        }
        if (!Files.isExecutable(chosen)) {
            throw new BadInputException("the launcher " + chosen + " is not an executable file");
        }
        return chosen.toAbsolutePath().normalize();
    }
}
