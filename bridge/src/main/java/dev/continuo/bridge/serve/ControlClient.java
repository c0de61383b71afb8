package dev.continuo.bridge.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Sends one command to a running daemon's control socket and returns its JSON answer. */
public final class ControlClient {

    private ControlClient() {
    }

    /**
     * @throws IOException if no daemon answers at {@code socket}
     */
    public static JsonNode send(Path socket, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            return new ObjectMapper().readTree(Channels.newInputStream(channel));
        }
    }

    /** Whether a daemon answers at {@code socket}. */
    static boolean answers(Path socket) {
        try {
            return send(socket, "status").path("ok").asBoolean();
        } catch (IOException e) {
            return false;
        }
    }
}
