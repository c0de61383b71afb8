package dev.continuo.bridge.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's end of {@code continuo ctl}: a UNIX domain socket (mode 0600, in a 0700 directory) that takes one
 * command line per connection and answers with one JSON object. What the commands mean is {@link Commands}' business.
 * A few connections are answered at once; a command is at most {@value #MAX_COMMAND} bytes and must arrive within
 * {@value #READ_MILLIS} ms, so a silent or flooding client is cut off without holding up the others.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    static final int MAX_COMMAND = 1024;
    static final long READ_MILLIS = 2000;
    private static final long WRITE_MILLIS = 2000;
    private static final int DISCARD_LIMIT = 1 << 16;
    private static final int HANDLERS = 4;
    private static final int WAITING = 16;

    /** Answers one command line. Called on a control thread, several at once. */
    public interface Commands {
        /** @return the reply; it has {@code "error"} if the command failed */
        ObjectNode answer(String command);
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Commands commands;
    private final ObjectMapper json = new ObjectMapper();
    private final Thread thread;
    private final ExecutorService handlers = new ThreadPoolExecutor(HANDLERS, HANDLERS, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(WAITING), runnable -> {
                Thread handler = new Thread(runnable, "continuo-control-answer");
                handler.setDaemon(true);
                return handler;
            });

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
     * @throws IOException if another daemon answers there or holds the socket without answering, or the socket
     *                     cannot be made
     */
    public static ControlServer start(Path path, Commands commands) throws IOException {
        ControlSocket.prepareDirectory(path);
        if (Files.exists(path)) {
            try {
                if (ControlClient.answers(path)) {
                    throw new IOException("another Continuo daemon is running (it answers on " + path + ")");
                }
            } catch (ControlClient.NoAnswerException e) {
                throw new IOException("another process holds " + path + " but does not answer (" + e.getMessage()
                        + "); stop it, or use --socket");
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
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.debug("Control socket accept failed", e);
                }
                continue;
            }
            try {
                handlers.execute(() -> answer(client));
            } catch (RejectedExecutionException e) {
                LOG.debug("Control socket busy: a connection was refused");
                close(client);
            }
        }
    }

    private void answer(SocketChannel client) {
        String command = "";
        ObjectNode reply;
        boolean overLimit = false;
        try {
            ScheduledFuture<?> deadline = ControlLines.deadline(client, READ_MILLIS);
            try {
                command = ControlLines.read(client, MAX_COMMAND, false).strip();
            } finally {
                deadline.cancel(false);
            }
            reply = commands.answer(command);
        } catch (ControlLines.TooLongException e) {
            reply = json.createObjectNode().put("error", "command " + e.getMessage());
            overLimit = true;
        } catch (IOException e) {
            LOG.debug("Control connection ended before its command: {}", e.toString());
            close(client);
            return;
        } catch (RuntimeException e) {
            LOG.error("Control command \"{}\" failed: {}", command, e.toString());
            LOG.debug("Control command failure", e);
            reply = json.createObjectNode().put("error", "the daemon failed: " + e);
        }
        reply.put("ok", !reply.has("error"));
        ScheduledFuture<?> deadline = ControlLines.deadline(client, WRITE_MILLIS);
        try {
            ControlLines.write(client, json.writeValueAsString(reply) + "\n");
            client.shutdownOutput();
            if (overLimit) {
                ControlLines.discard(client, DISCARD_LIMIT); // so that closing does not reset the reply away
            }
            LOG.debug("Control: {} → {}", command, reply);
        } catch (IOException e) {
            LOG.debug("Control reply not delivered: {}", e.toString());
        } finally {
            deadline.cancel(false);
            close(client);
        }
    }

    private static void close(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("Could not close a control connection", e);
        }
    }

    @Override
    public void close() {
        handlers.shutdownNow();
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("Could not remove the control socket {}", path, e);
        }
    }
}
