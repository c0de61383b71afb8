package dev.continuo.bridge.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.model.CorruptWeightsException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's HTTP server: the pages (resources in the jar, nothing fetched at run time) and their JSON API, on
 * the loopback interface only, behind an {@link AccessGuard}.
 *
 * <p>API: {@code GET /api/presets}; {@code POST /api/generate} (a {@link GenerateRequest}, answered with the
 * variations as {@link RollView}s); {@code GET /api/results/ID/midi} (the multitrack file); {@code POST /api/melody}
 * (a MIDI file's bytes, answered with its {@link MelodyView}); the training page's ({@link TrainingRoutes}) and the
 * live page's ({@link LiveRoutes}). Bad input gets 400 and a one-line reason, a request that does not fit the state
 * (a second training run, no daemon to talk to) 409.
 */
public final class StudioServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StudioServer.class);
    /** Only this interface: the studio must not be reachable from the network. */
    public static final String LOOPBACK = "127.0.0.1";
    private static final String WEB = "/dev/continuo/bridge/studio/web";

    private final AccessGuard guard;
    private final StudioGenerator generator;
    private final TrainingJobs jobs;
    private final TrainingRoutes training;
    private final LiveRoutes live;
    private final Javalin app;

    /** A request refused by the {@link AccessGuard}: 403 with its reason. */
    private static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private StudioServer(AccessGuard guard, StudioGenerator generator, PresetList presets, TrainingJobs jobs,
            EngineLink engine) {
        this.guard = guard;
        this.generator = generator;
        this.jobs = jobs;
        this.training = new TrainingRoutes(jobs);
        this.live = new LiveRoutes(engine);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MidiFileReader.MAX_FILE_BYTES;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = WEB;
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
        });
        app.before(this::admit);
        // WebSocket upgrades bypass the HTTP before-handlers: they get their own guard.
        app.wsBeforeUpgrade(this::admit);
        app.get("/api/presets", ctx -> ctx.json(presets.all()));
        app.post("/api/generate", this::generate);
        app.get("/api/results/{id}/midi", this::download);
        app.post("/api/melody", this::openMelody);
        training.register(app);
        live.register(app);
        app.exception(Refused.class, (e, ctx) -> oneLine(ctx, 403, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> oneLine(ctx, 400, e.getMessage()));
        app.exception(CorruptWeightsException.class, (e, ctx) -> oneLine(ctx, 400, e.getMessage()));
        app.exception(BadMidiFileException.class, (e, ctx) -> oneLine(ctx, 400, e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> oneLine(ctx, 409, e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) -> oneLine(ctx, 400,
                "not the request the studio expects: " + e.getOriginalMessage().lines().findFirst().orElse("")));
    }

    /**
     * Starts a studio on {@link #LOOPBACK}.
     *
     * @param port          the port, or 0 for a free one
     * @param token         the secret the URL carries
     * @param engine        the engine the live page shows
     */
    public static StudioServer start(int port, String token, StudioGenerator generator, PresetList presets,
            TrainingJobs jobs, EngineLink engine) {
        StudioServer server = new StudioServer(new AccessGuard(token), generator, presets, jobs, engine);
        server.app.start(LOOPBACK, port);
        return server;
    }

    public int port() {
        return app.port();
    }

    /** The URL to open, token included. */
    public String url() {
        return "http://" + LOOPBACK + ":" + port() + "/?token=" + guard.token();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        app.jettyServer().server().join();
    }

    /** Stops the server, and a training run the studio started (which writes its checkpoint and preset). */
    @Override
    public void close() {
        training.close();
        live.close();
        app.stop();
        try {
            jobs.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void admit(Context ctx) {
        int port = ctx.port();
        String cookie = AccessGuard.cookieName(port);
        String queryToken = ctx.queryParam("token");
        Optional<String> refusal = guard.refusal(port, ctx.header("Host"), ctx.header("Origin"), queryToken,
                ctx.cookie(cookie));
        if (refusal.isPresent()) {
            LOG.warn("Refused {} {}: {}", ctx.method(), ctx.path(), refusal.get());
            throw new Refused(refusal.get());
        }
        if (guard.matches(queryToken)) {
            ctx.res().setHeader("Set-Cookie", cookie + "=" + guard.token() + "; Path=/; HttpOnly; SameSite=Strict");
        }
    }

    private void generate(Context ctx) throws CorruptWeightsException {
        GenerateRequest request = ctx.bodyAsClass(GenerateRequest.class);
        long start = System.nanoTime();
        List<StudioGenerator.Result> results = generator.generate(request);
        long millis = (System.nanoTime() - start) / 1_000_000;
        ctx.json(Map.of("millis", millis, "results", results.stream().map(r -> Map.of("id", r.id(), "preset",
                r.preset(), "seed", r.seed(), "roll", RollView.of(r.roll()))).toList()));
    }

    private void download(Context ctx) {
        String id = ctx.pathParam("id");
        byte[] file = generator.midiFile(id)
                .orElseThrow(() -> new IllegalArgumentException("no result " + id + " (generate again)"));
        ctx.contentType("audio/midi").header("Content-Disposition",
                "attachment; filename=\"continuo-" + id + ".mid\"").result(file);
    }

    private void openMelody(Context ctx) throws BadMidiFileException {
        byte[] data = ctx.bodyAsBytes();
        ctx.json(MelodyView.of(new MidiFileReader().read(data, "the opened file")));
    }

    private static void oneLine(Context ctx, int status, String reason) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(reason + "\n");
    }
}
