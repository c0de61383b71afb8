package dev.continuo.bridge.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background engine: holds any number of sessions at once — {@link Session}s, each with its own backend link,
 * phrase book, preset, mix and clock, and {@link PluginSession}s, each linked to a plug-in instance — and shares
 * among them the loaded presets, one generation worker and one housekeeping scheduler. {@code continuo serve} is
 * one session on one backend; plug-in instances add sessions at run time ({@code plugin-open}).
 *
 * <p>Threads: each backend's real-time thread; "continuo-housekeeping" runs every session's rounds (the plug-in
 * sessions' link rounds too); "continuo-connect" opens and closes backends (which may block in the OS);
 * "continuo-generate" runs the model and loads presets; "continuo-control" answers the socket (and opens plug-in
 * sessions, waiting there while the preset loads and the model warms up).
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final long CLOSE_TIMEOUT_MILLIS = 5000;
    private static final long STATUS_LINE_MILLIS = 250;
    private static final long PRESET_LOAD_SECONDS = 60;

    private final PresetCache presets;
    private final ScheduledExecutorService scheduler = newScheduler();
    private final ExecutorService connector = Executors.newSingleThreadExecutor(daemon("continuo-connect"));
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("continuo-generate"));
    private final Map<String, EngineSession> sessions = new ConcurrentSkipListMap<>();
    private final AtomicInteger lastId = new AtomicInteger();
    private final ControlCommands commands = new ControlCommands(this);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile PluginSettings pluginDefaults;
    private volatile Path linkFolder;
    private volatile String studioUrl;
    private ControlServer control;
    private StatusLine statusLine;

    public Engine(PresetCatalog catalog) {
        this.presets = new PresetCache(catalog);
    }

    private static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("continuo-housekeeping"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return scheduler;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Answers {@code continuo ctl} (and plug-in instances) on a control socket; plug-in links are made in its
     * folder.
     *
     * @throws IOException if another daemon answers there, or the socket cannot be made
     */
    public void listen(Path socket) throws IOException {
        control = ControlServer.start(socket, commands);
        linkFolder = socket.toAbsolutePath().getParent();
        LOG.debug("Control socket {}", socket);
    }

    /**
     * Answers one control command in this JVM as the control socket answers it, {@code ok} included: for the studio
     * that {@code serve --studio} runs beside the engine. Any thread.
     */
    public ObjectNode answer(String command) {
        ObjectNode reply = commands.answer(command);
        reply.put("ok", !reply.has("error"));
        return reply;
    }

    /** Tells {@code status} where the studio serving this engine's pages is (its URL, token included). */
    public void showStudio(String url) {
        studioUrl = url;
    }

    /** The studio's URL, or null when this engine serves none. */
    String studioUrl() {
        return studioUrl;
    }

    /** Redraws a status line on the terminal four times a second (for the first backend session). */
    public void showStatusLine() {
        statusLine = new StatusLine();
        scheduler.scheduleAtFixedRate(() -> sessions.values().stream().filter(Session.class::isInstance)
                .map(Session.class::cast).findFirst().ifPresent(statusLine::draw),
                STATUS_LINE_MILLIS, STATUS_LINE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a session: warms the model up with {@code preset} and makes its first connection (blocks until both
     * are done), then runs it on the scheduler. The first session's preset, bars and generation settings are
     * what plug-in sessions start with, unless {@link #usePluginDefaults} said otherwise.
     *
     * @param preset   the preset {@link SessionSettings#preset()} names, already loaded (and checked) by the caller
     * @param backends fresh backends of one kind, one per connection
     * @throws BackendException if the first connection fails and reconnection is off
     */
    public Session open(SessionSettings settings, Preset preset, Supplier<MidiBackend> backends)
            throws BackendException, InterruptedException {
        if (pluginDefaults == null) {
            pluginDefaults = new PluginSettings(settings.preset(), settings.engine().bars(), settings.generation());
        }
        String id = Integer.toString(lastId.incrementAndGet());
        Session session = new Session(id, settings, backends, scheduler, connector, worker, presets,
                presets.add(settings.preset(), preset), () -> sessions.remove(id));
        sessions.put(id, session);
        try {
            session.start();
        } catch (BackendException | RuntimeException e) {
            sessions.remove(id);
            throw e;
        }
        return session;
    }

    /** What plug-in sessions start with unless {@code plugin-open} gives a preset and bars. Any thread. */
    public void usePluginDefaults(PluginSettings defaults) {
        pluginDefaults = defaults;
    }

    /**
     * Opens a plug-in session: loads the preset on the worker, makes the link file in the control socket's folder
     * and warms the model up (blocks until done), then runs it on the scheduler.
     *
     * @param preset the preset, or null for the plug-in defaults' one
     * @param bars   bars per phrase (1–64), or 0 for the plug-in defaults'
     * @throws IOException with a one-line reason if the engine has no control folder or defaults, the preset
     *                     cannot be loaded, or the link cannot be made
     */
    public PluginSession openPlugin(String name, String preset, int bars) throws IOException, InterruptedException {
        Path folder = linkFolder;
        PluginSettings defaults = pluginDefaults;
        if (folder == null || defaults == null) {
            throw new IOException(folder == null ? "the engine has no control socket folder for links"
                    : "the engine has no preset for plug-in sessions yet");
        }
        String presetName = preset != null ? preset : defaults.preset();
        PresetCache.Loaded loaded = load(presetName);
        GenerationSettings generation = presetName.equals(defaults.preset()) ? defaults.generation()
                : defaults.generation().withMix(Mix.of(loaded.preset().manifest()));
        String id = Integer.toString(lastId.incrementAndGet());
        PluginSession session = PluginSession.start(id, name, bars > 0 ? bars : defaults.bars(), generation,
                folder.resolve("plugin-" + id + ".link"), scheduler, worker, presets, loaded,
                () -> sessions.remove(id));
        sessions.put(id, session);
        if (session.state() == SessionState.CLOSED) {
            sessions.remove(id);
        }
        return session;
    }

    /** The preset called {@code name}, loaded on the worker (files are read there only). */
    private PresetCache.Loaded load(String name) throws IOException, InterruptedException {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return presets.get(name);
                } catch (CorruptWeightsException e) {
                    throw new CompletionException(e);
                }
            }, worker).get(PRESET_LOAD_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("preset \"" + name + "\": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("preset \"" + name + "\" is still loading after " + PRESET_LOAD_SECONDS + " s");
        }
    }

    /** The open sessions of both kinds, by id. */
    public List<EngineSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** The session with this id, or null. */
    public EngineSession session(String id) {
        return sessions.get(id);
    }

    /** Asks every session to stop. Any thread. */
    public void stop() {
        sessions.values().forEach(EngineSession::stop);
    }

    /**
     * Waits until {@link #close} has silenced and released everything; for a JVM shutdown hook (SIGTERM, Ctrl-C),
     * which must not let the JVM end before the notes are off.
     */
    public void awaitReleased(long timeoutMillis) throws InterruptedException {
        released.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops every session, waits (briefly) until their notes are off, and releases everything. */
    @Override
    public void close() {
        stop();
        try {
            for (EngineSession session : List.copyOf(sessions.values())) {
                if (!session.awaitClosed(CLOSE_TIMEOUT_MILLIS)) {
                    LOG.warn("Session {} did not stop in {} ms", session.id(), CLOSE_TIMEOUT_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (control != null) {
            control.close();
        }
        scheduler.shutdownNow();
        connector.shutdownNow();
        worker.shutdownNow();
        if (statusLine != null) {
            statusLine.clear();
        }
        released.countDown();
    }
}
