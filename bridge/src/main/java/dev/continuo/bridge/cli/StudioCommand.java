package dev.continuo.bridge.cli;

import dev.continuo.bridge.serve.ControlSocket;
import dev.continuo.bridge.studio.AccessGuard;
import dev.continuo.bridge.studio.PresetList;
import dev.continuo.bridge.studio.StudioGenerator;
import dev.continuo.bridge.studio.StudioServer;
import dev.continuo.bridge.studio.TrainingJobs;
import dev.continuo.engine.preset.PresetCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code continuo studio}: the local web console, on 127.0.0.1, opened with a printed URL that carries a token. */
@Command(name = "studio", mixinStandardHelpOptions = true,
        description = {"Run Continuo Studio, a web console on this machine: play or open a melody, generate, look, "
            + "listen, download.", "Only this machine can reach it, and only with the printed URL (it carries a "
            + "random token). Ctrl-C stops it."})
final class StudioCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StudioCommand.class);
    private static final int MAX_PORT = 65_535;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N",
            description = "Port on 127.0.0.1 (default: a free one).")
    private int port;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "Control socket of the continuo serve the live page shows (default: ${DEFAULT-VALUE}).")
    private Path socket = ControlSocket.defaultPath();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws BadInputException, InterruptedException {
        if (port < 0 || port > MAX_PORT) {
            throw new BadInputException("--port takes 0-" + MAX_PORT + ", not " + port);
        }
        PresetCatalog catalog = new PresetCatalog(PresetLocations.userPresets());
        PresetList presets = new PresetList(catalog);
        StudioGenerator generator = new StudioGenerator(catalog);
        try {
            presets.all(); // read once now, so that the page loads at once
        } catch (IOException e) {
            throw new BadInputException("cannot list the presets: " + e.getMessage());
        }
        StudioServer server;
        try {
            server = StudioServer.start(port, AccessGuard.randomToken(), generator, presets,
                    new TrainingJobs(PresetLocations.userPresets(), generator::reloadPresets), socket);
        } catch (RuntimeException e) {
            throw new BadInputException("cannot listen on 127.0.0.1:" + port + ": " + rootMessage(e));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "studio-shutdown"));
        LOG.info("Continuo Studio is running; open this URL in your browser (Ctrl-C stops it):");
        spec.commandLine().getOut().println(server.url());
        spec.commandLine().getOut().flush();
        server.join();
        return Continuo.OK;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
