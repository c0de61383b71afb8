package dev.continuo.bridge.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuo.bridge.serve.ControlClient;
import dev.continuo.engine.preset.PresetManifest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live page's API, over a running {@code continuo serve}'s control socket — the same commands as
 * {@code continuo ctl}: the WebSocket {@code /api/live/events} sends the daemon's {@code status} whenever it changes
 * (asked every {@value #POLL_MILLIS} ms while a page listens), {@code POST /api/live/preset} ({@code {"name"}}) and
 * {@code POST /api/live/panic} act on it.
 */
final class LiveRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);
    static final long POLL_MILLIS = 100;
    private static final long STATUS_TIMEOUT_MILLIS = 2_000;
    private static final long COMMAND_TIMEOUT_MILLIS = 90_000;

    private final Path socket;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<WsContext> listeners = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "studio-live-poll");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String lastSent = "";

    /** The preset request's body. */
    record PresetChoice(String name) {
    }

    /** @param socket the daemon's control socket */
    LiveRoutes(Path socket) {
        this.socket = socket;
    }

    void register(Javalin app) {
        app.post("/api/live/preset", ctx -> {
            String name = ctx.bodyAsClass(PresetChoice.class).name();
            if (!PresetManifest.isValidName(name)) {
                throw new IllegalArgumentException("no preset named \"" + name + "\"");
            }
            command(ctx, "preset " + name);
        });
        app.post("/api/live/panic", ctx -> command(ctx, "panic"));
        app.ws("/api/live/events", ws -> {
            ws.onConnect(ctx -> {
                listeners.add(ctx);
                lastSent = "";
            });
            ws.onClose(listeners::remove);
            ws.onError(listeners::remove);
        });
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void command(Context ctx, String line) {
        JsonNode reply;
        try {
            reply = ControlClient.send(socket, line, COMMAND_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new IllegalStateException(noDaemon());
        }
        if (!reply.path("ok").asBoolean()) {
            throw new IllegalArgumentException(reply.path("error").asText("the daemon refused \"" + line + "\""));
        }
        LOG.info("Sent \"{}\" to the engine", line);
        ctx.json(reply);
    }

    /** The daemon's status, or why there is none: {@code {"connected": …, "status" | "reason": …}}. */
    private String snapshot() throws IOException {
        ObjectNode node = json.createObjectNode();
        node.put("socket", socket.toString());
        try {
            JsonNode reply = ControlClient.send(socket, "status", STATUS_TIMEOUT_MILLIS);
            node.put("connected", true);
            node.set("status", reply.path("status"));
            if (!reply.path("ok").asBoolean()) {
                node.put("reason", reply.path("error").asText());
            }
        } catch (IOException e) {
            node.put("connected", false);
            node.put("reason", noDaemon());
        }
        return json.writeValueAsString(node);
    }

    private String noDaemon() {
        return "no Continuo daemon answers on " + socket + " (start it with continuo serve)";
    }

    private void poll() {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            String status = snapshot();
            if (!status.equals(lastSent)) {
                lastSent = status;
                for (WsContext listener : listeners) {
                    if (listener.session.isOpen()) {
                        listener.send(status);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not send the engine's status", e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
