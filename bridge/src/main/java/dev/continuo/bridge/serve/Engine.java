package dev.continuo.bridge.serve;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background engine: holds any number of {@link Session}s at once, each with its own backend link, phrase book,
 * preset, mix and clock, and shares among them the loaded presets, one generation worker and one housekeeping
 * scheduler. {@code continuo serve} is one session on one backend; plug-in instances add sessions at run time.
 *
 * <p>Threads: each backend's real-time thread; "continuo-housekeeping" runs every session's rounds;
 * "continuo-connect" opens and closes backends (which may block in the OS); "continuo-generate" runs the model and
 * loads presets; "continuo-control" answers the socket.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final long CLOSE_TIMEOUT_MILLIS = 5000;
    private static final long STATUS_LINE_MILLIS = 250;

    private final PresetCache presets;
    private final ScheduledExecutorService scheduler = newScheduler();
    private final ExecutorService connector = Executors.newSingleThreadExecutor(daemon("continuo-connect"));
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("continuo-generate"));
    private final Map<String, Session> sessions = new ConcurrentSkipListMap<>();
    private final AtomicInteger lastId = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
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
     * Answers {@code continuo ctl} on a control socket.
     *
     * @throws IOException if another daemon answers there, or the socket cannot be made
     */
    public void listen(Path socket) throws IOException {
        control = ControlServer.start(socket, new ControlCommands(this));
        LOG.debug("Control socket {}", socket);
    }

    /** Redraws a status line on the terminal four times a second (for the first session). */
    public void showStatusLine() {
        statusLine = new StatusLine();
        scheduler.scheduleAtFixedRate(() -> sessions.values().stream().findFirst()
                .ifPresent(session -> statusLine.draw(session.statusText())), STATUS_LINE_MILLIS,
                STATUS_LINE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a session: warms the model up with {@code preset} and makes its first connection (blocks until both
     * are done), then runs it on the scheduler.
     *
     * @param preset   the preset {@link SessionSettings#preset()} names, already loaded (and checked) by the caller
     * @param backends fresh backends of one kind, one per connection
     * @throws BackendException if the first connection fails and reconnection is off
     */
    public Session open(SessionSettings settings, Preset preset, Supplier<MidiBackend> backends)
            throws BackendException, InterruptedException {
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

    /** The open sessions, by id. */
    public List<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    /** The session with this id, or null. */
    public Session session(String id) {
        return sessions.get(id);
    }

    /** Asks every session to stop. Any thread. */
    public void stop() {
        sessions.values().forEach(Session::stop);
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
            for (Session session : List.copyOf(sessions.values())) {
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
