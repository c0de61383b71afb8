package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket against silent, flooding and many clients, on a real UNIX socket. */
class ControlServerTest {

    @TempDir
    Path directory;

    private ControlServer echoing(Path socket) throws IOException {
        return ControlServer.start(socket, command -> new ObjectMapper().createObjectNode().put("heard", command));
    }

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    @Test
    void silentClientsNeitherHoldUpOthersNorStayConnected() throws Exception {
        Path socket = directory.resolve("ctl.sock");
        try (ControlServer server = echoing(socket)) {
            SocketChannel[] silent = new SocketChannel[6];
            for (int i = 0; i < silent.length; i++) {
                silent[i] = connect(socket);
            }
            JsonNode reply = ControlClient.send(socket, "status", 10_000);
            assertEquals("status", reply.get("heard").asText(), "answered while six clients say nothing");
            for (SocketChannel channel : silent) {
                assertEquals(-1, channel.read(ByteBuffer.allocate(16)), "cut off after its read deadline");
                channel.close();
            }
        }
    }

    @Test
    void aCommandOverTheLimitGetsAnErrorNotAnEcho() throws Exception {
        Path socket = directory.resolve("ctl.sock");
        try (ControlServer server = echoing(socket)) {
            char[] flood = new char[10 * ControlServer.MAX_COMMAND];
            Arrays.fill(flood, 'x');
            JsonNode reply = ControlClient.send(socket, new String(flood), 10_000);
            assertFalse(reply.get("ok").asBoolean());
            assertEquals("command longer than " + ControlServer.MAX_COMMAND + " bytes", reply.get("error").asText());
            assertFalse(reply.has("heard"));
        }
    }

    @Test
    void aCommandThatFailsIsReportedAndTheServerGoesOn() throws Exception {
        Path socket = directory.resolve("ctl.sock");
        try (ControlServer server = ControlServer.start(socket, command -> {
            if (command.equals("boom")) {
                throw new IllegalStateException("broken");
            }
            return new ObjectMapper().createObjectNode();
        })) {
            assertTrue(ControlClient.send(socket, "boom", 10_000).get("error").asText().contains("broken"));
            assertTrue(ControlClient.send(socket, "status", 10_000).get("ok").asBoolean());
        }
    }

    @Test
    void aDaemonThatNeverAnswersTimesTheClientOutAndKeepsItsSocket() throws Exception {
        Path socket = directory.resolve("ctl.sock");
        try (ServerSocketChannel wedged = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            wedged.bind(UnixDomainSocketAddress.of(socket));
            assertThrows(ControlClient.NoAnswerException.class, () -> ControlClient.send(socket, "status", 300));
            IOException refused = assertThrows(IOException.class, () -> echoing(socket));
            assertTrue(refused.getMessage().startsWith("another process holds " + socket + " but does not answer"),
                    refused.getMessage());
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path socket = directory.resolve("ctl.sock");
        ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        gone.bind(UnixDomainSocketAddress.of(socket));
        gone.close(); // the file stays, nobody listens
        try (ControlServer server = echoing(socket)) {
            assertEquals("panic", ControlClient.send(socket, "panic", 10_000).get("heard").asText());
        }
    }
}
