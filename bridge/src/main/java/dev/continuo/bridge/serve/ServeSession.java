package dev.continuo.bridge.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.bridge.backend.javasound.KeyboardInput;
import dev.continuo.bridge.backend.javasound.MidiDevices;
import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.bridge.realtime.EngineStatus;
import dev.continuo.bridge.realtime.PhraseBook;
import dev.continuo.bridge.realtime.RealTimeEngine;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.PartSpec;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the daemon: wires backend, real-time engine, capture, generation and control together, keeps the
 * backend connected (reconnecting when the MIDI service comes back) and shuts down without a hanging note.
 *
 * <p>Threads: the backend's real-time thread runs the {@link RealTimeEngine}; "continuo-capture" turns heard notes
 * into phrases; "continuo-generate" runs the model; "continuo-control" answers the socket; the thread that calls
 * {@link #run} supervises the connection.
 */
public final class ServeSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServeSession.class);
    private static final long RECONNECT_INTERVAL_MILLIS = 1000;
    private static final long SILENCE_TIMEOUT_MILLIS = 500;
    private static final long SUPERVISION_INTERVAL_MILLIS = 100;
    /** Time for the backend's threads to finish with a dead connection before it is closed. */
    private static final long LOST_GRACE_MILLIS = 500;

    private final ServeSettings settings;
    private final PresetCatalog catalog;
    private final Supplier<MidiBackend> backends;
    private final PhraseBook book = new PhraseBook();
    private final SpscRing capture = new SpscRing(16_384);
    private final RealTimeEngine engine;
    private final PhraseGenerator generator;
    private final PhraseRecorder recorder;
    private volatile String lostReason;
    private final ProblemReporter problems = new ProblemReporter();
    private volatile boolean running = true;
    private volatile Preset preset;
    private volatile MidiBackend backend;
    private volatile boolean ready;
    private KeyboardInput keyboard;
    private final CountDownLatch closed = new CountDownLatch(1);
    private Thread captureThread;
    private ControlServer control;
    private StatusLine statusLine;

    /** What a session ends with. */
    public enum Outcome { STOPPED, SERVICE_LOST }

    public ServeSession(ServeSettings settings, PresetCatalog catalog, Preset preset, Supplier<MidiBackend> backends) {
        this.settings = settings;
        this.catalog = catalog;
        this.backends = backends;
        this.preset = preset;
        this.engine = new RealTimeEngine(settings.engine(), book, capture);
        this.generator = new PhraseGenerator(book, settings.engine().bars(), preset, settings.generation());
        this.recorder = new PhraseRecorder(settings.engine().bars(), generator::submit, new ControlChannel());
    }

    /**
     * Starts everything and supervises until stopped ({@link #stop}, {@code continuo ctl stop}) or, without
     * reconnection, until the MIDI service goes away.
     *
     * @throws BackendException if the first connection fails and reconnection is off
     */
    public Outcome run() throws BackendException, IOException, InterruptedException {
        generator.warmUp();
        if (settings.keyboard() != null) {
            try {
                keyboard = KeyboardInput.open(engine, new MidiDevices(), settings.keyboard());
                LOG.info("Listening to the keyboard \"{}\" as melody", keyboard.name());
                MidiDevices.onChange(() -> LOG.info("MIDI devices were plugged in or out (continuo ports lists them)"));
            } catch (javax.sound.midi.MidiUnavailableException e) {
                throw new BackendException(e.getMessage());
            }
        }
        captureThread = new Thread(this::captureLoop, "continuo-capture");
        captureThread.setDaemon(true);
        captureThread.start();
        control = ControlServer.start(settings.socket(), new Commands());
        LOG.debug("Control socket {}", settings.socket());
        if (!connect(true)) {
            return Outcome.STOPPED;
        }
        if (settings.statusLine()) {
            statusLine = StatusLine.start(this::statusText);
        }
        ready = true;
        while (running) {
            String reason = lostReason;
            if (reason == null) {
                problems.report(engine.status(), backend.load());
                Thread.sleep(SUPERVISION_INTERVAL_MILLIS);
                continue;
            }
            lostReason = null;
            LOG.warn("The {} server went away: {}", backend.kind().id().toUpperCase(java.util.Locale.ROOT), reason);
            Thread.sleep(LOST_GRACE_MILLIS);
            backend.close();
            if (!settings.reconnect()) {
                return Outcome.SERVICE_LOST;
            }
            LOG.info("Reconnecting when it is back…");
            if (!connect(false)) {
                return Outcome.STOPPED;
            }
        }
        return Outcome.STOPPED;
    }

    /** Opens a backend, retrying every second if allowed; false if stopped meanwhile. */
    private boolean connect(boolean first) throws BackendException, InterruptedException {
        boolean told = false;
        while (running) {
            MidiBackend candidate = backends.get();
            try {
                candidate.open(settings.clientName(), settings.engine().layout(), keyboard != null ? keyboard : engine,
                        reason -> lostReason = reason);
                backend = candidate;
                engine.sendPrograms(programs(preset));
                if (settings.tempoMaster()) {
                    offerTempo(candidate);
                }
                LOG.info("{} {}: melody in {}, accompaniment out {} ({} Hz, {} frames per cycle)",
                        first ? "Registered" : "Reconnected; registered", candidate.kind().id(),
                        candidate.portNames().get(0), String.join(", ", candidate.portNames().subList(1,
                                candidate.portNames().size())), candidate.sampleRate(), candidate.framesPerCycle());
                if (first) {
                    LOG.info("Ready {} ms after start: preset \"{}\", {}-bar phrases, clock {}",
                            ManagementFactory.getRuntimeMXBean().getUptime(), preset.manifest().name(),
                            settings.engine().bars(), settings.engine().clock() == null ? "auto"
                                    : settings.engine().clock().id());
                }
                return true;
            } catch (BackendException e) {
                if (!settings.reconnect()) {
                    throw e;
                }
                if (!told) {
                    LOG.warn("{}; retrying every second", e.getMessage());
                    told = true;
                }
                Thread.sleep(RECONNECT_INTERVAL_MILLIS);
            }
        }
        return false;
    }

    private void offerTempo(MidiBackend candidate) throws BackendException {
        double bpm = settings.engine().bpm();
        if (candidate.offerTempo(bpm)) {
            LOG.info("Timebase master: bar, beat and {} bpm for every JACK application; start the transport to play",
                    String.format("%.1f", bpm));
        } else {
            LOG.warn("Another application is already the timebase master; following its tempo instead");
        }
    }

    private static int[] programs(Preset preset) {
        List<PartSpec> parts = preset.manifest().parts();
        int[] pairs = new int[parts.size() * 2];
        for (int part = 0; part < parts.size(); part++) {
            pairs[2 * part] = parts.get(part).channel() - 1;
            pairs[2 * part + 1] = parts.get(part).program();
        }
        return pairs;
    }

    private void captureLoop() {
        long[] record = new long[2];
        while (running) {
            if (recorder.drain(capture, record) == 0) {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    /** Asks {@link #run} to return. Any thread. */
    public void stop() {
        running = false;
    }

    /**
     * Asks {@link #run} to return and waits until {@link #close} has silenced and released everything; for a JVM
     * shutdown hook (SIGTERM, Ctrl-C), which must not let the JVM end before the notes are off.
     */
    public void stopAndAwaitClose(long timeoutMillis) {
        stop();
        try {
            closed.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends note-offs and All Notes Off, waits (briefly) until they are out, and releases everything. */
    @Override
    public void close() {
        running = false;
        if (statusLine != null) {
            statusLine.close();
        }
        MidiBackend current = backend;
        if (current != null) {
            long deadline = System.nanoTime() + SILENCE_TIMEOUT_MILLIS * 1_000_000;
            while (!engine.silence() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            // One more cycle so the notes-off written in the last one are delivered downstream.
            LockSupport.parkNanos(2_000_000L * Math.max(1, current.framesPerCycle() * 1000L
                    / Math.max(1, current.sampleRate())));
            current.close();
        }
        if (control != null) {
            control.close();
        }
        if (keyboard != null) {
            keyboard.close();
        }
        generator.close();
        LOG.info("Stopped; all notes off");
        closed.countDown();
    }

    private String statusText() {
        EngineStatus status = engine.status();
        return String.format("%s %s  bar %s  %.0f bpm  phrase %d pass %d  notes in %d  sounding %d  preset %s",
                status.clock().id(), status.rolling() ? "playing" : "stopped", status.barBeat(),
                status.beatsPerMinute(),
                status.phrase() + 1, status.pass(), status.notesIn(), status.soundingNotes(),
                generator.presetName());
    }

    /** Whether the ports are registered and the model is warmed up. Any thread. */
    public boolean ready() {
        return ready;
    }

    /** The connected backend, or null before the first connection. */
    public MidiBackend backend() {
        return backend;
    }

    /** The engine's counters, for tests and benchmarks. */
    public EngineStatus engineStatus() {
        return engine.status();
    }

    public LatencyLog latencies() {
        return generator.latencies();
    }

    private final class ControlChannel implements PhraseRecorder.ControlListener {
        @Override
        public void programChange(int program) {
            try {
                List<PresetCatalog.Entry> entries = catalog.list();
                if (program >= entries.size()) {
                    LOG.warn("Program Change {} on the control channel: there are only {} presets", program + 1,
                            entries.size());
                    return;
                }
                switchPreset(entries.get(program).name());
            } catch (IOException | CorruptWeightsException e) {
                LOG.error("Program Change {}: {}", program + 1, e.getMessage());
            }
        }

        @Override
        public void controlChange(int controller, int value) {
            ControlChanges.Change change = ControlChanges.apply(generator.settings(), Mix.of(preset.manifest()),
                    controller, value);
            if (change != null) {
                generator.useSettings(change.settings());
                LOG.info("{}: from the next phrase start", change.description());
            }
        }
    }

    private void switchPreset(String name) throws CorruptWeightsException {
        Preset loaded = catalog.load(name);
        preset = loaded;
        generator.usePreset(loaded);
    }

    private final class Commands implements ControlServer.Commands {
        private final ObjectMapper json = new ObjectMapper();

        @Override
        public ObjectNode status() {
            EngineStatus status = engine.status();
            ObjectNode node = json.valueToTree(status);
            node.put("barBeat", status.barBeat());
            node.put("preset", generator.presetName());
            MidiBackend current = backend;
            node.put("ports", String.join(" ", current == null ? List.of() : current.portNames()));
            if (current != null) {
                node.put("cycleLoadAverage", current.load().averageShare());
                node.put("cycleLoadWorst", current.load().worstShare());
                node.put("callbackFailures", current.load().failures());
            }
            node.put("phrasesAccompanied", generator.latencies().count());
            node.put("readyMillisP50", generator.latencies().quantile(0.5));
            return node;
        }

        @Override
        public String preset(String name) {
            try {
                switchPreset(name);
                return null;
            } catch (CorruptWeightsException | RuntimeException e) {
                return e.getMessage();
            }
        }

        @Override
        public void panic() {
            engine.panic();
            LOG.info("Panic: all notes off");
        }

        @Override
        public void stop() {
            ServeSession.this.stop();
        }
    }
}
