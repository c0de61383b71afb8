package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.engine.preset.PresetCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the control protocol end to end: any bytes a client sends to a real control socket
 * (the engine's own {@link ControlCommands} behind it, no sessions) are answered with one line of JSON carrying
 * {@code ok}, and an error in one line. {@code plugin-open} is left out: it starts plug-in sessions, which load a
 * model ({@code PluginSessionTest} covers it). Seeds in {@code ControlLinesFuzzTestInputs}.
 */
class ControlLinesFuzzTest {

    private static final Path SOCKET;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        try {
            Path directory = Files.createTempDirectory("continuo-control-fuzz");
            directory.toFile().deleteOnExit();
            SOCKET = directory.resolve("ctl.sock");
            Engine engine = new Engine(new PresetCatalog(directory.resolve("presets")));
            ControlServer.start(SOCKET, new ControlCommands(engine)); // lives as long as the fuzzing JVM
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anyRequestIsAnsweredWithOneLineOfJson(byte[] request) throws IOException {
        String text = new String(request, StandardCharsets.UTF_8);
        if (text.contains("plugin-open")) {
            return;
        }
        String answer;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(SOCKET));
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.shutdownOutput();
            answer = ControlLines.read(channel, 1 << 20, true);
        }
        assertTrue(answer.endsWith("\n") && answer.indexOf('\n') == answer.length() - 1, "one line: " + answer);
        JsonNode reply = JSON.readTree(answer);
        assertTrue(reply.path("ok").isBoolean(), answer);
        if (!reply.get("ok").asBoolean()) {
            assertEquals(-1, reply.path("error").asText().indexOf('\n'), answer);
        }
    }
}
