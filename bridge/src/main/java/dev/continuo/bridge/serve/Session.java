package dev.continuo.bridge.serve;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.bridge.backend.javasound.KeyboardInput;
import dev.continuo.bridge.backend.javasound.MidiDevices;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.bridge.realtime.EngineStatus;
import dev.continuo.bridge.realtime.PhraseBook;
import dev.continuo.bridge.realtime.RealTimeEngine;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sound.midi.MidiUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the {@link Engine}: its backend link, real-time engine, phrase book, preset, mix and clock. Its
 * {@link SessionLifecycle} moves by compare-and-set; every step after {@link #start} is a task: rounds on the engine's
 * housekeeping scheduler (drain the capture ring, report problems, notice a lost service, silence), connection
 * attempts and releases on its connector — nothing waits in a loop.
 */
public final class Session implements EngineSession {

    /** How a session ended. */
    public enum Outcome { STOPPED, SERVICE_LOST }

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final long RECONNECT_INTERVAL_MILLIS = 1000;
    /** Time for the backend's threads to finish with a dead connection before it is closed. */
    private static final long LOST_GRACE_MILLIS = 500;
    private static final long SILENCE_TIMEOUT_MILLIS = 500;
    /**
     * Rounds come every {@link #IDLE_MILLIS}, and at the end of a phrase being captured (so that its accompaniment is
     * generated at once), every {@link #BUSY_MILLIS} from there until it is closed, and while stopping.
     */
    private static final long BUSY_MILLIS = 2;
    private static final long IDLE_MILLIS = 50;
    /** Sixteenth-note steps per quarter note, the unit of the engine's tempo. */
    private static final double STEPS_PER_BEAT = 4;

    private final String id;
    private final SessionSettings settings;
    private final Supplier<MidiBackend> backends;
    private final ScheduledExecutorService scheduler;
    private final Executor connector;
    private final Runnable onClosed;
    private final SessionLifecycle lifecycle = new SessionLifecycle();
    private final SpscRing capture = new SpscRing(16_384);
    private final long[] record = new long[2];
    private final RealTimeEngine engine;
    private final PhraseGenerator generator;
    private final PhraseRecorder recorder;
    private final ControlChannel controls;
    private final ProblemReporter problems = new ProblemReporter();
    private final LastError errors = new LastError();
    /** Null unless the session offers to be the tempo master. */
    private final TempoMaster tempoMaster;
    private final HostWatch host;
    private volatile MidiBackend backend;
    private volatile String lostReason;
    private KeyboardInput keyboard;
    private boolean toldRetrying;
    private volatile boolean lossHandled;
    private volatile long silenceDeadline;

    /**
     * @param scheduler runs the housekeeping rounds (one thread: rounds never block)
     * @param connector opens and closes backends, which may block in the OS
     * @param worker    generates and loads presets
     */
    Session(String id, SessionSettings settings, Supplier<MidiBackend> backends, ScheduledExecutorService scheduler,
            Executor connector, Executor worker, PresetCache presets, PresetCache.Loaded preset, Runnable onClosed) {
        this.connector = connector;
        this.id = id;
        this.settings = settings;
        this.backends = backends;
        this.scheduler = scheduler;
        this.onClosed = onClosed;
        PhraseBook book = new PhraseBook();
        this.engine = new RealTimeEngine(settings.engine(), book, capture);
        this.generator = new PhraseGenerator(PatternSink.of(book), settings.engine().bars(), worker, presets, preset,
                settings.generation(), errors);
        this.controls = new ControlChannel(generator);
        this.recorder = new PhraseRecorder(settings.engine().bars(), generator::submit, controls);
        this.tempoMaster = settings.tempoMaster() ? new TempoMaster(settings.engine().bpm()) : null;
        this.host = new HostWatch(engine, tempoMaster, connector,
                connected -> lifecycle.state() == SessionState.RUNNING && backend == connected);
    }

    /**
     * Warms the model up, opens the keyboard and makes the first connection; from then on the session runs on the
     * scheduler.
     *
     * @throws BackendException if the first connection fails and reconnection is off, or the keyboard cannot be
     *                          opened; the session is closed then
     */
    void start() throws BackendException, InterruptedException {
        try {
            generator.warmUp();
            if (settings.keyboard() != null) {
                openKeyboard();
            }
            lifecycle.move(SessionState.STARTING, SessionState.CONNECTING);
            connect(true);
        } catch (BackendException | RuntimeException e) {
            lifecycle.stop(Outcome.STOPPED);
            release();
            throw e;
        }
        scheduler.execute(this::housekeep);
    }

    private void openKeyboard() throws BackendException {
        try {
            keyboard = KeyboardInput.open(engine, new MidiDevices(), settings.keyboard());
        } catch (MidiUnavailableException e) {
            throw new BackendException(e.getMessage());
        }
        LOG.info("Listening to the keyboard \"{}\" as melody", keyboard.name());
        MidiDevices.onChange(() -> LOG.info("MIDI devices were plugged in or out (continuo ports lists them)"));
    }

    /** Opens a backend; on failure retries on the scheduler every second if allowed. */
    private void connect(boolean first) throws BackendException {
        if (lifecycle.state() != SessionState.CONNECTING) {
            return;
        }
        MidiBackend candidate = backends.get();
        RealTimeHandler handler = keyboard != null ? keyboard : engine;
        try {
            candidate.open(settings.clientName(), settings.engine().layout(), handler, this::serviceLost);
        } catch (BackendException e) {
            candidate.close();
            if (!settings.reconnect()) {
                throw e;
            }
            if (!toldRetrying) {
                LOG.warn("{}; retrying every second", e.getMessage());
                toldRetrying = true;
            }
            retryLater(first);
            return;
        }
        if (!lifecycle.move(SessionState.CONNECTING, SessionState.RUNNING)) {
            candidate.close();
            return;
        }
        backend = candidate;
        toldRetrying = false;
        lossHandled = false;
        engine.sendPrograms(PhrasePatterns.programs(generator.presetManifest()));
        if (tempoMaster != null) {
            tempoMaster.connected(candidate);
        }
        announce(candidate, first);
    }

    /** A connection attempt on the scheduler; a failure of any kind is reported and retried, never lost. */
    private void retry(boolean first) {
        try {
            connect(first);
        } catch (BackendException | RuntimeException e) {
            LOG.error("Connecting failed: {}; retrying every second", e.getMessage());
            errors.report("connecting failed: " + e.getMessage());
            LOG.debug("Connection failure", e);
            retryLater(first);
        }
    }

    /** A second from now, another attempt on the connector (opening may block in the OS). */
    private void retryLater(boolean first) {
        scheduler.schedule(() -> connector.execute(() -> retry(first)), RECONNECT_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void announce(MidiBackend connected, boolean first) {
        List<String> ports = connected.portNames();
        LOG.info("{} {}: melody in {}, accompaniment out {} ({} Hz, {} frames per cycle)",
                first ? "Registered" : "Reconnected; registered", connected.kind().id(), ports.get(0),
                String.join(", ", ports.subList(1, ports.size())), connected.sampleRate(),
                connected.framesPerCycle());
        if (first) {
            LOG.info("Ready {} ms after start: preset \"{}\", {}-bar phrases, clock {}",
                    ManagementFactory.getRuntimeMXBean().getUptime(), generator.presetName(),
                    settings.engine().bars(), settings.engine().clock() == null ? "auto"
                            : settings.engine().clock().id());
        }
    }

    /** The backend's listener: may run on its real-time thread, so it only records and flips the state. */
    private void serviceLost(String reason) {
        lostReason = reason;
        lifecycle.move(SessionState.RUNNING, SessionState.LOST);
    }

    /**
     * One housekeeping round; schedules the next one until the session is released. A round that fails is
     * reported and the next one comes all the same: capture never stops quietly.
     */
    private void housekeep() {
        long next = IDLE_MILLIS;
        try {
            next = round();
        } catch (RuntimeException e) {
            LOG.error("Housekeeping of session {} failed: {}", id, e.toString());
            errors.report("housekeeping failed: " + e);
            LOG.debug("Housekeeping failure", e);
        }
        if (next >= 0) {
            scheduler.schedule(this::housekeep, next, TimeUnit.MILLISECONDS);
        }
    }

    /** @return milliseconds to the next round, or -1 once the session is being released */
    private long round() {
        SessionState state = lifecycle.state();
        recorder.drain(capture, record);
        EngineStatus status = engine.status();
        MidiBackend current = backend;
        if (state == SessionState.RUNNING && current != null) {
            problems.report(status, current.load());
            host.round(current);
        } else if (state == SessionState.LOST && !lossHandled) {
            lossHandled = true;
            LOG.warn("The {} server went away: {}", current.kind().id().toUpperCase(Locale.ROOT), lostReason);
            scheduler.schedule(() -> connector.execute(this::releaseLost), LOST_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } else if (state == SessionState.STOPPING && silenced(current)) {
            return -1;
        }
        return state == SessionState.STOPPING ? BUSY_MILLIS : untilPhraseEnd(status);
    }

    /** Milliseconds until the phrase being captured ends (within the round limits), or a full idle round. */
    private long untilPhraseEnd(EngineStatus status) {
        double end = recorder.openPhraseEnd();
        if (Double.isNaN(end) || !status.rolling() || status.beatsPerMinute() <= 0) {
            return IDLE_MILLIS;
        }
        double stepsPerMilli = status.beatsPerMinute() * STEPS_PER_BEAT / 60_000;
        long millis = (long) Math.ceil((end - status.step()) / stepsPerMilli);
        return Math.max(BUSY_MILLIS, Math.min(IDLE_MILLIS, millis));
    }

    private void releaseLost() {
        if (lifecycle.state() != SessionState.LOST) {
            return;
        }
        backend.close();
        backend = null;
        if (!settings.reconnect()) {
            lifecycle.stop(Outcome.SERVICE_LOST);
            return;
        }
        LOG.info("Reconnecting when it is back…");
        if (lifecycle.move(SessionState.LOST, SessionState.CONNECTING)) {
            retry(false);
        }
    }

    /**
     * Asks the session to silence its notes and release everything; the housekeeping rounds carry it out. Any
     * thread.
     */
    @Override
    public void stop() {
        silenceDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SILENCE_TIMEOUT_MILLIS);
        lifecycle.stop(Outcome.STOPPED);
    }

    /**
     * While stopping: asks the real-time engine for note-offs and All Notes Off (it cannot wake anyone, so each
     * round looks again) and, once they are written, releases the ports one more cycle later so that they are
     * delivered downstream.
     *
     * @return true once the release is scheduled
     */
    private boolean silenced(MidiBackend current) {
        if (current == null) {
            connector.execute(this::release);
            return true;
        }
        if (!engine.silence() && System.nanoTime() < silenceDeadline) {
            return false;
        }
        long cycleMicros = current.framesPerCycle() * 1_000_000L / Math.max(1, current.sampleRate());
        scheduler.schedule(() -> connector.execute(this::release), 2 * Math.max(1000, cycleMicros),
                TimeUnit.MICROSECONDS);
        return true;
    }

    /** Releases the ports, the keyboard and the generator's queue; the session is closed even if one fails. */
    private void release() {
        try {
            MidiBackend current = backend;
            if (current != null) {
                current.close();
            }
            if (keyboard != null) {
                keyboard.close();
            }
            generator.close();
            LOG.info("Stopped; all notes off");
        } finally {
            onClosed.run();
            lifecycle.closed();
        }
    }

    @Override
    public Outcome awaitEnd() throws InterruptedException {
        return lifecycle.await();
    }

    @Override
    public boolean awaitClosed(long millis) throws InterruptedException {
        return lifecycle.await(millis);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return settings.clientName();
    }

    @Override
    public String kind() {
        return "backend";
    }

    @Override
    public SessionState state() {
        return lifecycle.state();
    }

    /** The session's most recent failure, or null. */
    LastError.Entry lastError() {
        return errors.last();
    }

    /** The connected backend, or null before the first connection. */
    public MidiBackend backend() {
        return backend;
    }

    /** Where the tempo master role stands; null when not offered, or before the first connection. */
    TempoMaster.Role tempoRole() {
        return tempoMaster == null ? null : tempoMaster.role();
    }

    /** The real-time engine's counters. */
    public EngineStatus engineStatus() {
        return engine.status();
    }

    public PhraseGenerator generator() {
        return generator;
    }

    @Override
    public LatencyLog latencies() {
        return generator.latencies();
    }

    @Override
    public int bars() {
        return settings.engine().bars();
    }

    @Override
    public PhraseHistory phrases() {
        return generator.history();
    }

    /**
     * Turns a setting as a Control Change on the control channel does ({@link ControlChanges}), on the housekeeping
     * thread that handles those, so that the two never overwrite each other's change. Any thread.
     *
     * @return done once the change is in the settings (it plays from each phrase's next start)
     */
    public CompletableFuture<Void> controlChange(int controller, int value) {
        return CompletableFuture.runAsync(() -> controls.controlChange(controller, value), scheduler);
    }

    @Override
    public String presetName() {
        return generator.presetName();
    }

    @Override
    public CompletableFuture<Void> usePreset(String name) {
        return generator.usePreset(name);
    }

    /** Ends every note now (in the next cycle). */
    @Override
    public void panic() {
        engine.panic();
        LOG.info("Panic: all notes off");
    }
}
