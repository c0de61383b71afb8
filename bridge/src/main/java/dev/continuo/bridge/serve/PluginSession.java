package dev.continuo.bridge.serve;

import dev.continuo.bridge.plugin.LinkFile;
import dev.continuo.bridge.plugin.LinkPublisher;
import dev.continuo.bridge.plugin.LinkReader;
import dev.continuo.bridge.realtime.PhrasePattern;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session driven by a plug-in instance through its {@link LinkFile}: the plug-in's host plays the melody and the
 * accompaniment; the engine only captures, generates and publishes. Every step after {@link #start} is a
 * housekeeping round on the engine's scheduler: drain the to-engine ring into the {@link PhraseRecorder}, publish
 * what the generator made and could not publish itself (no room, or held until its phrase's end has passed), bump
 * the engine's heartbeat, and end the session when the plug-in's heartbeat has not moved for {@link #STALE_MILLIS}. The host's parameters ({@link PluginParameters}) steer the generator; the
 * phrases a plug-in already holds (from a saved project) are kept for re-voicing without being generated again;
 * and each phrase's melody goes back with its accompaniment, for the plug-in's saved state. Its {@link SessionLifecycle} moves by compare-and-set as a backend session's
 * does (CONNECTING is the warm-up); a stopped session sets the link's closed flag and deletes the file.
 */
public final class PluginSession implements EngineSession {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSession.class);
    /** A plug-in whose heartbeat stands still this long is gone (crashed, or its host froze or quit). */
    static final long STALE_MILLIS = 5000;
    /**
     * About 20 rounds a second; while a phrase with notes is being captured, the next round comes when the
     * plug-in's blocks have made it complete (half a step before its end), and one a millisecond from then until it
     * closes; the same again until they pass its end, when its accompaniment goes out; 100 a second while phrases
     * wait for room.
     */
    private static final long IDLE_MILLIS = 50;
    private static final long BUSY_MILLIS = 10;

    private final String id;
    private final String name;
    private final int bars;
    private final LinkFile link;
    private final ScheduledExecutorService scheduler;
    private final Runnable onClosed;
    private final SessionLifecycle lifecycle = new SessionLifecycle();
    private final LastError errors = new LastError();
    private final LinkPublisher publisher;
    private final PhraseGenerator generator;
    private final PhraseRecorder recorder;
    private final LinkReader reader;
    private final PluginParameters parameters = new PluginParameters();
    private final GenerationSettings baseSettings;
    private final String openedPreset;
    private long lastPluginBeat;
    private long lastBeatNanos;

    private PluginSession(String id, String name, int bars, GenerationSettings generation, LinkFile link,
            ScheduledExecutorService scheduler, Executor worker, PresetCache presets, PresetCache.Loaded preset,
            Runnable onClosed) {
        this.id = id;
        this.name = name;
        this.bars = bars;
        this.link = link;
        this.scheduler = scheduler;
        this.onClosed = onClosed;
        this.publisher = new LinkPublisher(link.toPlugin());
        this.baseSettings = generation;
        this.openedPreset = preset.name();
        this.generator = new PhraseGenerator(new PatternSink() {
            @Override
            public PhrasePattern get(int index) {
                return publisher.get(index);
            }

            @Override
            public void put(int index, PhrasePattern pattern) {
                publisher.put(index, pattern);
                publishNow(); // on the worker (unless held): no hand-off to the housekeeping thread
            }
        }, bars, worker, presets, preset, generation, errors);
        this.recorder = new PhraseRecorder(bars, this::captured, new PhraseRecorder.ControlListener() {
            @Override
            public void programChange(int program) {
                // A plug-in sends melody notes only.
            }

            @Override
            public void controlChange(int controller, int value) {
                // A plug-in sends melody notes only.
            }
        });
        this.reader = new LinkReader(link.toEngine(), recorder::accept, new LinkReader.Listener() {
            @Override
            public void setting(int parameter, double value) {
                parameters.set(parameter, value);
            }

            @Override
            public void restored(int index, PhrasePattern melody) {
                restore(index, melody);
            }
        });
    }

    /**
     * Housekeeping thread (the only one that submits): the melody is in place before the worker can publish. A
     * complete phrase closes up to half a step before its end; its accompaniment is held back until the plug-in's
     * blocks have passed that end, so that none of it sounds in the pass it was captured in.
     */
    private void captured(CapturedPhrase phrase) {
        if (generator.keeps(phrase)) {
            publisher.melody(phrase.bookIndex(),
                    PhrasePatterns.of(phrase.melody().steps(), List.of(phrase.melody()), false));
            if (phrase.complete()) {
                publisher.hold(phrase.bookIndex());
                reader.watch((double) (phrase.phrase() + 1) * phrase.melody().steps());
            }
        }
        generator.submit(phrase);
    }

    private void restore(int index, PhrasePattern melody) {
        Part part = new Part("Melody", 0, 0, -1, melody.steps());
        for (int note = 0; note < melody.noteCount(); note++) {
            part.addNote(new Note(melody.pitch(note), melody.startStep(note),
                    melody.endStep(note) - melody.startStep(note), melody.velocity(note)));
        }
        publisher.melody(index, melody);
        generator.restore(new CapturedPhrase(index, index, part, System.nanoTime(), true,
                Math.max(1, melody.steps() / bars)));
        LOG.info("Plug-in session {}: phrase {} is back from the plug-in ({} melody notes), kept as it plays", id,
                index + 1, melody.noteCount());
    }

    /**
     * Applies the parameters heard in this round: a preset change first (on the worker), then the settings with
     * that preset's mix; a change of a value heard before re-voices the phrases already accompanied.
     */
    private void applyParameters() {
        if (!parameters.changed()) {
            return;
        }
        boolean revoice = parameters.revoices();
        boolean presetChanged = parameters.presetChanged();
        parameters.taken();
        if (presetChanged) {
            int preset = parameters.preset();
            CompletableFuture<Void> switched = preset == 0 ? generator.usePreset(openedPreset, revoice)
                    : generator.usePresetNumber(preset - 1, revoice);
            // On the worker, before the re-voicing the switch queued; a refused preset re-voices nothing itself.
            switched.whenComplete((done, failure) -> adoptSettings(revoice && failure != null));
            return;
        }
        adoptSettings(revoice);
    }

    private void adoptSettings(boolean revoice) {
        generator.useSettings(parameters.settings(baseSettings, generator.presetMix()), revoice);
    }

    /**
     * Makes the link file at {@code path}, warms the model up (blocks until done) and starts the housekeeping
     * rounds; {@code onClosed} runs once the session has let everything go.
     *
     * @throws IOException if the link cannot be made, or the model fails; nothing is left behind then
     */
    static PluginSession start(String id, String name, int bars, GenerationSettings generation, Path path,
            ScheduledExecutorService scheduler, Executor worker, PresetCache presets, PresetCache.Loaded preset,
            Runnable onClosed) throws IOException, InterruptedException {
        LinkFile link = LinkFile.create(path);
        PluginSession session = new PluginSession(id, name, bars, generation, link, scheduler, worker, presets,
                preset, onClosed);
        try {
            session.lifecycle.move(SessionState.STARTING, SessionState.CONNECTING);
            session.generator.warmUp();
        } catch (InterruptedException e) {
            session.abandon();
            throw e;
        } catch (RuntimeException e) {
            session.abandon();
            throw new IOException(e.getMessage(), e);
        }
        session.lastBeatNanos = System.nanoTime();
        if (!session.lifecycle.move(SessionState.CONNECTING, SessionState.RUNNING)) {
            session.abandon();
            throw new IOException("stopped while starting");
        }
        LOG.info("Plug-in session {} (\"{}\"): preset \"{}\", {}-bar phrases, link {}", id, name,
                session.presetName(), bars, path);
        scheduler.execute(session::housekeep);
        return session;
    }

    /** One round; schedules the next until the session is released. A failed round is reported, the next comes. */
    private void housekeep() {
        long next = IDLE_MILLIS;
        try {
            next = round();
        } catch (RuntimeException e) {
            LOG.error("Housekeeping of plug-in session {} failed: {}", id, e.toString());
            errors.report("housekeeping failed: " + e);
            LOG.debug("Housekeeping failure", e);
        }
        if (next >= 0) {
            scheduler.schedule(this::housekeep, next, TimeUnit.MILLISECONDS);
        }
    }

    /** @return milliseconds to the next round, or -1 once the session is released */
    private long round() {
        if (lifecycle.state() == SessionState.STOPPING) {
            release();
            return -1;
        }
        reader.drain();
        if (reader.passedWatched()) {
            publisher.release();
        }
        applyParameters();
        publisher.publish();
        link.beatEngine();
        long beat = link.pluginBeat();
        long now = System.nanoTime();
        if (beat != lastPluginBeat) {
            lastPluginBeat = beat;
            lastBeatNanos = now;
        } else if (now - lastBeatNanos > TimeUnit.MILLISECONDS.toNanos(STALE_MILLIS)
                && lifecycle.stop(Session.Outcome.SERVICE_LOST)) {
            LOG.warn("Plug-in session {} (\"{}\"): no sign of the plug-in for {} s; closing it", id, name,
                    STALE_MILLIS / 1000);
            return 0;
        }
        if (publisher.waiting() > 0) {
            return BUSY_MILLIS;
        }
        double untilComplete = reader.millisUntilPassed(recorder.openPhraseCompleteStep());
        double untilEnded = reader.millisUntilWatchedPassed();
        double until = Double.isNaN(untilEnded) ? untilComplete
                : Double.isNaN(untilComplete) ? untilEnded : Math.min(untilComplete, untilEnded);
        return Double.isNaN(until) ? IDLE_MILLIS : Math.max(1, Math.min(IDLE_MILLIS, (long) Math.ceil(until)));
    }

    /** Generation worker: what the generator just made goes to the plug-in (a round does the rest). */
    private void publishNow() {
        if (lifecycle.state() == SessionState.RUNNING) {
            publisher.publish();
        }
    }

    private void abandon() {
        lifecycle.stop(Session.Outcome.STOPPED);
        release();
    }

    /** Tells the plug-in the link is let go, deletes the file, drops queued work; closed even if one fails. */
    private void release() {
        try {
            generator.close();
            link.close();
            LOG.info("Plug-in session {} (\"{}\") closed", id, name);
        } catch (IOException e) {
            LOG.warn("Plug-in session {}: could not delete {}: {}", id, link.path(), e.getMessage());
        } finally {
            onClosed.run();
            lifecycle.closed();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "plugin";
    }

    @Override
    public SessionState state() {
        return lifecycle.state();
    }

    @Override
    public String presetName() {
        return generator.presetName();
    }

    @Override
    public CompletableFuture<Void> usePreset(String preset) {
        return generator.usePreset(preset);
    }

    /** The plug-in forgets every phrase (its notes end); phrases captured later are accompanied again. */
    @Override
    public void panic() {
        publisher.clear();
        LOG.info("Plug-in session {}: panic, every phrase cleared", id);
    }

    /** Asks the session to let the link go; the next round does. Any thread. */
    @Override
    public void stop() {
        lifecycle.stop(Session.Outcome.STOPPED);
    }

    @Override
    public Session.Outcome awaitEnd() throws InterruptedException {
        return lifecycle.await();
    }

    @Override
    public boolean awaitClosed(long millis) throws InterruptedException {
        return lifecycle.await(millis);
    }

    @Override
    public LatencyLog latencies() {
        return generator.latencies();
    }

    @Override
    public PhraseHistory phrases() {
        return generator.history();
    }

    /** The link file the plug-in maps. */
    public Path link() {
        return link.path();
    }

    @Override
    public int bars() {
        return bars;
    }

    LinkFile linkFile() {
        return link;
    }

    LinkReader reader() {
        return reader;
    }

    LinkPublisher publisher() {
        return publisher;
    }

    LastError.Entry lastError() {
        return errors.last();
    }
}
