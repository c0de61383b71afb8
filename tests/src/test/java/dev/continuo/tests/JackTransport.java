package dev.continuo.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code jack_transport} starting, stopping and relocating the JACK transport, driven through its standard input. */
final class JackTransport {

    private final OutputStream commands;

    private JackTransport(OutputStream commands) {
        this.commands = commands;
    }

    /** Starts {@code jack_transport} on {@code jack} (stopped with it) and the transport rolling from frame 0. */
    static JackTransport startRolling(JackServer jack, String logName) throws IOException {
        JackTransport transport = new JackTransport(jack.startClient(List.of("jack_transport"), logName)
                .getOutputStream());
        transport.send("locate 0\nplay\n");
        return transport;
    }

    /** Sends command lines ("play", "stop", "locate FRAME", …), each ended by a newline. */
    void send(String lines) throws IOException {
        commands.write(lines.getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }
}
