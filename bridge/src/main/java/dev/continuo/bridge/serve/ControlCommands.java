package dev.continuo.bridge.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.bridge.realtime.EngineStatus;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The control protocol: {@code sessions}, and {@code status}, {@code preset NAME}, {@code panic}, {@code stop}, each
 * optionally addressed to one session as {@code @ID COMMAND}. Unaddressed, {@code status} and {@code preset} go to
 * the only session (with several, {@code status} lists them and {@code preset} asks which), {@code panic} silences
 * every session and {@code stop} stops the engine.
 */
final class ControlCommands implements ControlServer.Commands {

    private static final String USAGE = "sessions, [@ID] status, [@ID] preset NAME, [@ID] panic, [@ID] stop";
    private static final long PRESET_LOAD_SECONDS = 60;

    private final Engine engine;
    private final ObjectMapper json = new ObjectMapper();

    ControlCommands(Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode answer(String command) {
        ObjectNode reply = json.createObjectNode();
        String sessionId = null;
        String rest = command.strip();
        if (rest.startsWith("@")) {
            String[] addressedWords = rest.split("\\s+", 2);
            sessionId = addressedWords[0].substring(1);
            rest = addressedWords.length > 1 ? addressedWords[1] : "";
        }
        String[] words = rest.split("\\s+", 2);
        String name = words[0];
        String argument = words.length > 1 ? words[1] : null;
        Session addressed = sessionId == null ? null : engine.session(sessionId);
        if (sessionId != null && addressed == null) {
            return error(reply, "no session " + sessionId + " (" + describe(engine.sessions()) + ")");
        }
        switch (name) {
            case "sessions" -> reply.set("sessions", sessions());
            case "status" -> status(reply, addressed != null ? addressed : onlySession());
            case "preset" -> preset(reply, addressed != null ? addressed : onlySession(), argument);
            case "panic" -> (addressed != null ? List.of(addressed) : engine.sessions()).forEach(Session::panic);
            case "stop" -> {
                if (addressed != null) {
                    addressed.stop();
                } else {
                    engine.stop();
                }
            }
            default -> error(reply, "unknown command \"" + command + "\" (" + USAGE + ")");
        }
        return reply;
    }

    private Session onlySession() {
        List<Session> open = engine.sessions();
        return open.size() == 1 ? open.get(0) : null;
    }

    private void status(ObjectNode reply, Session session) {
        if (session == null) {
            reply.set("sessions", sessions());
            return;
        }
        reply.set("status", status(session));
    }

    private void preset(ObjectNode reply, Session session, String name) {
        if (name == null) {
            error(reply, "preset needs a name");
        } else if (session == null) {
            error(reply, "which session? " + describe(engine.sessions()) + "; address one as @ID preset NAME");
        } else {
            try {
                session.generator().usePreset(name).get(PRESET_LOAD_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                error(reply, e.getCause().getMessage());
            } catch (TimeoutException e) {
                error(reply, "preset \"" + name + "\" is still loading after " + PRESET_LOAD_SECONDS + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error(reply, "interrupted");
            }
        }
    }

    private ArrayNode sessions() {
        ArrayNode list = json.createArrayNode();
        for (Session session : engine.sessions()) {
            ObjectNode node = list.addObject();
            node.put("id", session.id());
            node.put("name", session.name());
            node.put("state", session.state().name());
            node.put("preset", session.generator().presetName());
            MidiBackend backend = session.backend();
            node.put("backend", backend == null ? null : backend.kind().id());
        }
        return list;
    }

    private ObjectNode status(Session session) {
        EngineStatus status = session.engineStatus();
        ObjectNode node = json.valueToTree(status);
        node.put("session", session.id());
        node.put("name", session.name());
        node.put("state", session.state().name());
        node.put("barBeat", status.barBeat());
        node.put("preset", session.generator().presetName());
        MidiBackend backend = session.backend();
        node.put("ports", String.join(" ", backend == null ? List.of() : backend.portNames()));
        if (backend != null) {
            node.put("cycleLoadAverage", backend.load().averageShare());
            node.put("cycleLoadWorst", backend.load().worstShare());
            node.put("callbackFailures", backend.load().failures());
            node.put("xruns", backend.load().xruns());
        }
        LastError.Entry error = session.lastError();
        if (error != null) {
            node.put("lastError", error.message());
            node.put("lastErrorAt", error.at().toString());
        }
        node.put("phrasesAccompanied", session.latencies().count());
        node.put("readyMillisP50", session.latencies().quantile(0.5));
        return node;
    }

    private static String describe(List<Session> sessions) {
        if (sessions.isEmpty()) {
            return "no sessions are open";
        }
        StringBuilder text = new StringBuilder("sessions:");
        for (Session session : sessions) {
            text.append(' ').append(session.id()).append(" (").append(session.name()).append(')');
        }
        return text.toString();
    }

    private static ObjectNode error(ObjectNode reply, String message) {
        reply.put("error", message);
        return reply;
    }
}
