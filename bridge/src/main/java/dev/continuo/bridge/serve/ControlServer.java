package dev.continuo.bridge.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's end of {@code continuo ctl}: a UNIX domain socket (mode 0600, in a 0700 directory) that takes one
 * command line per connection and answers with one JSON object. What the commands mean is {@link Commands}' business.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final int MAX_COMMAND = 1024;

    /** Answers one command line. Called on the control thread. */
    public interface Commands {
        /** @return the reply; it has {@code "error"} if the command failed */
        ObjectNode answer(String command);
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Commands commands;
    private final ObjectMapper json = new ObjectMapper();
    private final Thread thread;

    private ControlServer(Path path, ServerSocketChannel server, Commands commands) {
        this.path = path;
        this.server = server;
        this.commands = commands;
        this.thread = new Thread(this::serve, "continuo-control");
        this.thread.setDaemon(true);
    }

    /**
     * Binds the socket at {@code path} and starts answering.
     *
     * @throws IOException if another daemon answers there, or the socket cannot be made
     */
    public static ControlServer start(Path path, Commands commands) throws IOException {
        ControlSocket.prepareDirectory(path);
        if (Files.exists(path)) {
            if (ControlClient.answers(path)) {
                throw new IOException("another Continuo daemon is running (it answers on " + path + ")");
            }
            Files.delete(path);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the directory's permissions still apply.
        }
        ControlServer control = new ControlServer(path, server, commands);
        control.thread.start();
        return control;
    }

    public Path path() {
        return path;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                answer(client);
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.debug("Control connection failed", e);
                }
            }
        }
    }

    private void answer(SocketChannel client) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                StandardCharsets.UTF_8), MAX_COMMAND);
        String line = reader.readLine();
        String command = line == null ? "" : line.strip();
        ObjectNode reply = commands.answer(command);
        reply.put("ok", !reply.has("error"));
        OutputStream out = Channels.newOutputStream(client);
        out.write(json.writeValueAsBytes(reply));
        out.write('\n');
        out.flush();
        LOG.debug("Control: {} → {}", command, reply);
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("Could not remove the control socket {}", path, e);
        }
    }
}
