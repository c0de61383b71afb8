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
        return startRolling(jack, logName, false);
    }

    /**
     * As {@link #startRolling(JackServer, String)}; with {@code master}, {@code jack_transport} first takes the
     * timebase master role unconditionally (its {@code master} command) and gives bar, beat and tick at 120 bpm in
     * 4/4. Such a master must not be relocated while rolling: its timebase callback then continues from the locate
     * request's position, whose bar, beat and tempo fields are uninitialized (docs/development.md#soak).
     */
    static JackTransport startRolling(JackServer jack, String logName, boolean master) throws IOException {
        JackTransport transport = new JackTransport(jack.startClient(List.of("jack_transport"), logName)
                .getOutputStream());
        transport.send((master ? "master\n" : "") + "locate 0\nplay\n");
        return transport;
    }

    /** Sends command lines ("play", "stop", "locate FRAME", …), each ended by a newline. */
    void send(String lines) throws IOException {
        commands.write(lines.getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }
}
