package dev.continuo.bridge.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.preset.PresetManifest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live page's API, over an {@link EngineLink} — the same commands as {@code continuo ctl}. The WebSocket
 * {@code /api/live/events} sends the engine's sessions and the shown one's {@code status} whenever they change, and
 * each new accompaniment of that session ({@code {"phrases": […]}}, as the control protocol's {@code phrases} gives
 * them) as it arrives; both are asked every {@value #POLL_MILLIS} ms while a page listens, and at once after each
 * action. {@code POST /api/live/session} ({@code {"id"}}) chooses the session shown; {@code POST /api/live/preset}
 * ({@code {"name"}}) and {@code POST /api/live/mix} ({@code {"part": 1-4, "control": "mute"|"solo"|"octave"|
 * "velocity", "value"}}) act on it, {@code POST /api/live/panic} on every session.
 */
final class LiveRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);
    static final long POLL_MILLIS = 100;
    private static final long STATUS_TIMEOUT_MILLIS = 2_000;
    private static final long COMMAND_TIMEOUT_MILLIS = 90_000;
    private static final Set<String> MIX_CONTROLS = Set.of("mute", "solo", "octave", "velocity");

    private final EngineLink link;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<WsContext> listeners = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "studio-live-poll");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String lastSent = "";
    /** The newest accompaniment sent to the pages (0: send all the engine kept). */
    private volatile long phrasesSent;
    /** The session the pages show and act on, as last chosen on a page; null for the default. */
    private volatile String chosenSession;
    /** The session the last snapshot showed, which actions address. */
    private volatile String shownSession;

    /** The preset request's body. */
    record PresetChoice(String name) {
    }

    /** The session request's body: the id of the session to show. */
    record SessionChoice(String id) {
    }

    /** The mix request's body: one part's control, as {@code ctl mix PART CONTROL VALUE}. */
    record MixChange(int part, String control, String value) {
    }

    LiveRoutes(EngineLink link) {
        this.link = link;
    }

    void register(Javalin app) {
        app.post("/api/live/preset", ctx -> {
            String name = ctx.bodyAsClass(PresetChoice.class).name();
            if (!PresetManifest.isValidName(name)) {
                throw new IllegalArgumentException("no preset named \"" + name + "\"");
            }
            command(ctx, addressed("preset " + name));
        });
        app.post("/api/live/mix", ctx -> command(ctx, addressed(mixCommand(ctx.bodyAsClass(MixChange.class)))));
        app.post("/api/live/session", ctx -> {
            String id = ctx.bodyAsClass(SessionChoice.class).id();
            if (id == null || !id.matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("no session \"" + printable(id) + "\"");
            }
            chosenSession = id;
            phrasesSent = 0;
            poller.execute(this::poll);
            ctx.json(Map.of("session", id));
        });
        app.post("/api/live/panic", ctx -> command(ctx, "panic"));
        app.ws("/api/live/events", ws -> {
            ws.onConnect(ctx -> {
                listeners.add(ctx);
                lastSent = "";
                phrasesSent = 0;
            });
            ws.onClose(listeners::remove);
            ws.onError(listeners::remove);
        });
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The control command for a mix change; what the engine refuses comes back as its one-line reason. */
    private static String mixCommand(MixChange change) {
        if (change.part() < 1 || change.part() > Architecture.TRACKS) {
            throw new IllegalArgumentException("no part " + change.part() + " (1-" + Architecture.TRACKS + ")");
        }
        if (change.control() == null || !MIX_CONTROLS.contains(change.control())) {
            throw new IllegalArgumentException("a part's mix is mute, solo, octave or velocity");
        }
        if (change.value() == null || !change.value().matches("-?[0-9]{1,3}|on|off")) {
            throw new IllegalArgumentException("a mix value is on, off or a number, not \"" + printable(change.value())
                    + "\"");
        }
        return "mix " + change.part() + " " + change.control() + " " + change.value();
    }

    /** At most 40 printable ASCII characters of what a page sent, so that a refusal stays one safe line. */
    private static String printable(String value) {
        String text = String.valueOf(value).replaceAll("[^\\x20-\\x7e]", "?");
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** {@code line} addressed to the session shown, as {@code ctl --session ID} does. */
    private String addressed(String line) {
        String id = shownSession;
        return id == null ? line : "@" + id + " " + line;
    }

    private void command(Context ctx, String line) {
        JsonNode reply;
        try {
            reply = link.send(line, COMMAND_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new IllegalStateException(link.unreachable());
        }
        if (!reply.path("ok").asBoolean()) {
            throw new IllegalArgumentException(reply.path("error").asText("the engine refused \"" + line + "\""));
        }
        LOG.info("Sent \"{}\" to the engine", line);
        poller.execute(this::poll); // the pages see what it changed now, not at the next round
        ctx.json(reply);
    }

    /**
     * The engine's sessions and the chosen one's status, or why there is none: {@code {"where", "connected",
     * "sessions", "session", "status" | "reason"}}. The chosen session is the page's choice while it is open, else
     * the first on a MIDI backend (serve's own), else the first.
     */
    private ObjectNode snapshot() {
        ObjectNode node = json.createObjectNode();
        node.put("where", link.where());
        try {
            JsonNode sessions = link.send("sessions", STATUS_TIMEOUT_MILLIS).path("sessions");
            node.put("connected", true);
            node.set("sessions", sessions);
            String id = chosen(sessions);
            if (id == null) {
                node.put("reason", "the engine has no sessions open");
                return node;
            }
            node.put("session", id);
            JsonNode reply = link.send("@" + id + " status", STATUS_TIMEOUT_MILLIS);
            node.set("status", reply.path("status"));
            if (!reply.path("ok").asBoolean()) {
                node.put("reason", reply.path("error").asText());
            }
        } catch (IOException e) {
            node.put("connected", false);
            node.put("reason", link.unreachable());
        }
        return node;
    }

    private String chosen(JsonNode sessions) {
        String first = null;
        String firstBackend = null;
        for (JsonNode session : sessions) {
            String id = session.path("id").asText();
            if (id.equals(chosenSession)) {
                return id;
            }
            first = first == null ? id : first;
            if (firstBackend == null && "backend".equals(session.path("kind").asText())) {
                firstBackend = id;
            }
        }
        return firstBackend != null ? firstBackend : first;
    }

    /** On the poller thread only. */
    private void poll() {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            ObjectNode snapshot = snapshot();
            String id = snapshot.path("session").asText(null);
            if (id != null && !id.equals(shownSession)) {
                phrasesSent = 0; // another session: its phrases, numbered on their own, from the start
            }
            shownSession = id;
            String status = json.writeValueAsString(snapshot);
            if (!status.equals(lastSent)) {
                lastSent = status;
                broadcast(status);
            }
            long newest = snapshot.path("status").path("phraseSequence").asLong(0);
            if (id != null && newest != phrasesSent) {
                sendPhrases(id, newest);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not send the engine's status", e);
        }
    }

    /** Sends the accompaniments made since the last ones sent; all kept ones if the engine started again. */
    private void sendPhrases(String session, long newest) throws IOException {
        boolean restarted = newest < phrasesSent || phrasesSent == 0;
        long since = newest < phrasesSent ? 0 : phrasesSent;
        JsonNode phrases = link.send("@" + session + " phrases " + since, STATUS_TIMEOUT_MILLIS).path("phrases");
        if (!phrases.isArray()) {
            return;
        }
        long last = newest;
        for (JsonNode phrase : phrases) {
            last = Math.max(last, phrase.path("sequence").asLong());
        }
        phrasesSent = last;
        ObjectNode message = json.createObjectNode();
        message.put("restarted", restarted);
        message.set("phrases", phrases);
        broadcast(json.writeValueAsString(message));
    }

    private void broadcast(String message) {
        for (WsContext listener : listeners) {
            if (listener.session.isOpen()) {
                listener.send(message);
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
