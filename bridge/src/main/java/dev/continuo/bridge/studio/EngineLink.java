package dev.continuo.bridge.studio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuo.bridge.serve.ControlClient;
import dev.continuo.bridge.serve.Engine;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How the live page reaches the engine: one control command, answered as the control socket answers it (see
 * {@code ControlCommands}). {@code continuo studio} talks to a daemon over its socket; {@code serve --studio} to the
 * engine it runs in.
 */
public interface EngineLink {

    /**
     * Sends one command and waits for the answer.
     *
     * @throws IOException if no engine answers
     */
    JsonNode send(String command, long timeoutMillis) throws IOException;

    /** Where the engine is, for the page. */
    String where();

    /** Why no engine answers, in one line. */
    String unreachable();

    /** A daemon's control socket. */
    static EngineLink socket(Path socket) {
        return new EngineLink() {
            @Override
            public JsonNode send(String command, long timeoutMillis) throws IOException {
                return ControlClient.send(socket, command, timeoutMillis);
            }

            @Override
            public String where() {
                return socket.toString();
            }

            @Override
            public String unreachable() {
                return "no Continuo daemon answers on " + socket + " (start it with continuo serve)";
            }
        };
    }

    /** The engine in this JVM: it always answers (a command that waits, such as a preset switch, blocks here). */
    static EngineLink inProcess(Engine engine) {
        return new EngineLink() {
            @Override
            public JsonNode send(String command, long timeoutMillis) {
                return engine.answer(command);
            }

            @Override
            public String where() {
                return "this continuo serve";
            }

            @Override
            public String unreachable() {
                return "the engine does not answer";
            }
        };
    }
}
