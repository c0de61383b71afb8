package dev.continuo.bridge.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, removes and reports the per-user service, idempotently. The service manager's commands are run only
 * when asked; when they fail (no user session, e.g. over SSH or in a container) the definition stays in place and
 * the message says how to start it by hand.
 */
public final class ServiceInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceInstaller.class);
    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    private final UserService service;
    private final boolean runManager;

    /** @param runManager run systemctl / launchctl; false only writes or removes the definition */
    public ServiceInstaller(UserService service, boolean runManager) {
        this.service = service;
        this.runManager = runManager;
    }

    /** Writes the definition (if it differs) and starts the service. */
    public void install(Path launcher) throws IOException, InterruptedException {
        String wanted = service.definition(launcher);
        boolean current = Files.exists(service.file())
                && Files.readString(service.file(), StandardCharsets.UTF_8).equals(wanted);
        if (current) {
            LOG.info("{} is already installed", service.file());
        } else {
            service.write(launcher);
            LOG.info("Installed {} ({}), starting {} serve at login", service.file(), service.manager(), launcher);
        }
        if (runManager) {
            run(service.startCommands(), "start");
        }
    }

    /** Stops the service and removes its definition; does nothing if it is not installed. */
    public void uninstall() throws IOException, InterruptedException {
        if (!Files.exists(service.file())) {
            LOG.info("Not installed ({} does not exist)", service.file());
            return;
        }
        if (runManager) {
            run(service.stopCommands(), "stop");
        }
        ServiceFiles.delete(service.file(), service.root());
        LOG.info("Removed {}", service.file());
    }

    /** One line: installed or not, and what the service manager says. */
    public String status() throws InterruptedException {
        if (!Files.exists(service.file())) {
            return "not installed (" + service.file() + " does not exist)";
        }
        String state = "installed: " + service.file();
        if (runManager && !service.statusCommand().isEmpty()) {
            CommandResult result = execute(service.statusCommand());
            state += "; " + service.manager() + " says: " + (result.output().isBlank() ? "nothing"
                    : result.output().strip().lines().findFirst().orElse(""));
        }
        return state;
    }

    private void run(List<List<String>> commands, String what) throws InterruptedException {
        for (List<String> command : commands) {
            CommandResult result = execute(command);
            if (result.exitCode() != 0) {
                LOG.warn("Could not {} the service with {} ({}); it will start at the next login, or run: {}", what,
                        String.join(" ", command), result.output().strip().lines().findFirst().orElse(
                                "exit code " + result.exitCode()), String.join(" ", commands.get(commands.size() - 1)));
                return;
            }
        }
    }

    private record CommandResult(int exitCode, String output) {
    }

    private static CommandResult execute(List<String> command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new CommandResult(-1, "timed out");
            }
            return new CommandResult(process.exitValue(), output);
        } catch (IOException e) {
            return new CommandResult(-1, command.get(0) + " is not available (" + e.getMessage() + ")");
        }
    }
}
