package dev.continuo.bridge.cli;

import dev.continuo.bridge.serve.ControlSocket;
import dev.continuo.bridge.studio.EngineLink;
import dev.continuo.bridge.studio.StudioServer;
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
        StudioServer server = StudioStarter.start(port, "--port", EngineLink.socket(socket));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "studio-shutdown"));
        LOG.info("Continuo Studio is running; open this URL in your browser (Ctrl-C stops it):");
        spec.commandLine().getOut().println(server.url());
        spec.commandLine().getOut().flush();
        server.join();
        return Continuo.OK;
    }
}
