package dev.continuo.bridge.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;

/** Sends one command to a running daemon's control socket and returns its JSON answer, within a time limit. */
public final class ControlClient {

    /** Time a daemon gets to answer {@code status} when a new one starts and finds the socket taken. */
    private static final long PROBE_MILLIS = 3000;
    private static final int MAX_REPLY = 1 << 20;

    /** The daemon took the connection but did not answer in time. */
    public static final class NoAnswerException extends IOException {
        NoAnswerException(Path socket, long millis) {
            super("the daemon on " + socket + " did not answer within " + millis / 1000.0 + " s");
        }
    }

    private ControlClient() {
    }

    /**
     * @throws NoAnswerException if a daemon is there but does not answer within {@code timeoutMillis}
     * @throws IOException       if no daemon answers at {@code socket}, or the answer is not JSON
     */
    public static JsonNode send(Path socket, String command, long timeoutMillis) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ScheduledFuture<?> deadline = ControlLines.deadline(channel, timeoutMillis);
            String reply;
            try {
                try {
                    ControlLines.write(channel, command + "\n");
                    channel.shutdownOutput();
                } catch (AsynchronousCloseException e) {
                    throw e;
                } catch (IOException e) {
                    // The daemon stopped reading (e.g. a command over its limit); its answer says why.
                }
                reply = ControlLines.read(channel, MAX_REPLY, true);
            } catch (AsynchronousCloseException e) {
                throw new NoAnswerException(socket, timeoutMillis);
            } finally {
                deadline.cancel(false);
            }
            try {
                return new ObjectMapper().readTree(reply);
            } catch (JsonProcessingException e) {
                throw new IOException("the daemon on " + socket + " answered something other than JSON");
            }
        }
    }

    /**
     * Whether a daemon answers at {@code socket}.
     *
     * @throws NoAnswerException if one is there but does not answer (it holds the socket)
     */
    static boolean answers(Path socket) throws NoAnswerException {
        try {
            return send(socket, "status", PROBE_MILLIS).path("ok").asBoolean();
        } catch (NoAnswerException e) {
            throw e;
        } catch (IOException e) {
            return false;
        }
    }
}
