package dev.continuo.bridge.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MidiFileReader;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training page's API: {@code GET /api/training} (a {@link TrainingJobs.Status}), {@code POST
 * /api/training/start} (a {@link TrainingRequest}), {@code POST /api/training/attach} ({@code {"folder", "iterations"}}),
 * {@code POST /api/training/stop}, {@code GET /api/training/samples/N} (checkpoint N's sample as a
 * {@link RollView}), and the WebSocket {@code /api/training/events}, which sends the status whenever it changes
 * (checked every {@value #WATCH_MILLIS} ms on one daemon thread).
 */
final class TrainingRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRoutes.class);
    static final long WATCH_MILLIS = 250;

    private final TrainingJobs jobs;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<WsContext> listeners = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "studio-training-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String lastSent = "";

    /** The attach request's body. */
    record Attach(String folder, int iterations) {
    }

    TrainingRoutes(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    void register(Javalin app) {
        app.get("/api/training", ctx -> ctx.json(jobs.status()));
        app.post("/api/training/start", ctx -> {
            jobs.start(ctx.bodyAsClass(TrainingRequest.class));
            ctx.json(jobs.status());
        });
        app.post("/api/training/attach", ctx -> {
            Attach attach = ctx.bodyAsClass(Attach.class);
            if (attach.folder() == null || attach.folder().isBlank()) {
                throw new IllegalArgumentException("name the run's checkpoint folder");
            }
            jobs.attach(Path.of(attach.folder().strip()), attach.iterations());
            ctx.json(jobs.status());
        });
        app.post("/api/training/stop", ctx -> {
            jobs.stop();
            ctx.json(jobs.status());
        });
        app.get("/api/training/samples/{iteration}", this::sample);
        app.ws("/api/training/events", ws -> {
            ws.onConnect(ctx -> {
                listeners.add(ctx);
                ctx.send(statusJson());
            });
            ws.onClose(listeners::remove);
            ws.onError(listeners::remove);
        });
        watcher.scheduleWithFixedDelay(this::broadcastChanges, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sample(Context ctx) throws BadMidiFileException {
        int iteration = ctx.pathParamAsClass("iteration", Integer.class).get();
        Path folder = jobs.folder().orElseThrow(() -> new IllegalArgumentException("no training run is followed"));
        Path file = TrainingProgress.sampleFile(folder, iteration);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no sample for iteration " + iteration);
        }
        ctx.json(RollView.of(new MidiFileReader().read(file)));
    }

    private String statusJson() throws IOException, JsonProcessingException {
        return json.writeValueAsString(Map.of("status", jobs.status()));
    }

    private void broadcastChanges() {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            String status = statusJson();
            if (!status.equals(lastSent)) {
                lastSent = status;
                for (WsContext listener : listeners) {
                    if (listener.session.isOpen()) {
                        listener.send(status);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not send the training status", e);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
