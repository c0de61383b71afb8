package dev.continuo.bridge.serve;

import dev.continuo.bridge.realtime.PhrasePattern;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accompanies one session's captured phrases on the engine's generation worker (shared by every session) and
 * publishes the result in the session's {@link PatternSink} (its phrase book, or a plug-in link). When several
 * versions of a phrase wait, only the newest is generated. A take cut short by a transport stop or jump never
 * replaces a complete take of its phrase (it would replace the accompaniment of the whole phrase by that of its
 * first notes); it is accompanied only where nothing complete was heard. A preset or settings change re-voices every phrase
 * captured so far, on the same worker; those patterns wait for their phrase's next start, so the switch happens on a
 * phrase boundary. Presets are loaded on the worker too, never on the thread that heard the request.
 */
public final class PhraseGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PhraseGenerator.class);
    private static final int WARM_UP_RUNS = 20;
    /** Whether a warm-up has run in this JVM: compiled code is the JVM's, not a session's. */
    private static final AtomicBoolean COMPILED = new AtomicBoolean();
    /** For the model's CPU time beside its wall time in the stage log. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final PatternSink sink;
    private final int bars;
    private final Executor worker;
    private final PresetCache presets;
    private final LastError errors;
    private final Map<Integer, Long> newest = new ConcurrentHashMap<>();
    private final Map<Integer, CapturedPhrase> captured = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LatencyLog latencies = new LatencyLog(4096);
    private final PhraseHistory history = new PhraseHistory();
    private volatile GenerationSettings settings;
    private volatile PresetCache.Loaded preset;
    private volatile boolean closed;

    /**
     * @param sink    where each phrase's accompaniment goes
     * @param worker  the thread that generates (one at a time, in order)
     * @param presets where presets are loaded from and shared
     * @param preset  the preset to start with
     */
    PhraseGenerator(PatternSink sink, int bars, Executor worker, PresetCache presets, PresetCache.Loaded preset,
            GenerationSettings settings, LastError errors) {
        this.errors = errors;
        this.sink = sink;
        this.bars = bars;
        this.worker = worker;
        this.presets = presets;
        this.preset = preset;
        this.settings = settings;
    }

    /**
     * Accompanies a melody of the session's phrase length as a phrase would be, so that the first real phrases do
     * not pay for graph building and JIT compilation: {@value #WARM_UP_RUNS} times the first time in this JVM (after
     * a single run the first five phrases of a plug-in session took 23–77 ms instead of about 10), once for later
     * sessions, whose code is compiled already (a plug-in waits for its session only about a second). Blocks until
     * done.
     */
    public void warmUp() throws InterruptedException {
        int runs = COMPILED.getAndSet(true) ? 1 : WARM_UP_RUNS;
        Part melody = new Part("warm-up", 0, 0, -1, bars * 16);
        for (int step = 0; step < melody.steps(); step += 4) {
            melody.addNote(new Note(60 + step % 12, step, 3, 80));
        }
        try {
            CompletableFuture.runAsync(() -> {
                for (int run = 0; run < runs; run++) {
                    PhrasePatterns.of(melody.steps(), preset.accompanist().generate(melody, settings), false);
                }
            }, worker).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the model failed on a test melody: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * Queues a phrase for accompaniment, unless it is cut short and a complete take of it was heard. Any thread.
     *
     * @return whether the take was kept
     */
    public boolean submit(CapturedPhrase phrase) {
        CapturedPhrase kept = captured.merge(phrase.bookIndex(), phrase,
                (held, take) -> replaces(take, held) ? take : held);
        if (kept != phrase) {
            LOG.info("Phrase {}: a take cut short with {} melody notes leaves the complete take's accompaniment "
                    + "playing", phrase.phrase() + 1, phrase.melody().notes().size());
            return false;
        }
        queue(phrase, false);
        return true;
    }

    /** Whether {@link #submit} would keep this take, as things stand now. Any thread. */
    public boolean keeps(CapturedPhrase take) {
        CapturedPhrase held = captured.get(take.bookIndex());
        return held == null || replaces(take, held);
    }

    private static boolean replaces(CapturedPhrase take, CapturedPhrase held) {
        return take.complete() || !held.complete();
    }

    private void queue(CapturedPhrase phrase, boolean revoicing) {
        long id = sequence.incrementAndGet();
        newest.put(phrase.bookIndex(), id);
        worker.execute(() -> generate(phrase, id, revoicing));
    }

    /**
     * Keeps a phrase whose accompaniment the session already has (a plug-in's saved one) without generating it:
     * it is re-voiced with the others on the next preset or settings change. A phrase captured meanwhile wins.
     * Any thread.
     */
    public void restore(CapturedPhrase phrase) {
        captured.putIfAbsent(phrase.bookIndex(), phrase);
    }

    /** Queues every captured phrase again, for patterns that wait for their phrase start. Worker thread. */
    private void revoiceAll() {
        captured.values().forEach(phrase -> queue(phrase, true));
    }

    private void generate(CapturedPhrase phrase, long id, boolean revoicing) {
        if (closed || newest.getOrDefault(phrase.bookIndex(), id) != id) {
            return;
        }
        try {
            long started = System.nanoTime();
            long cpuStarted = THREADS.getCurrentThreadCpuTime();
            List<Part> parts = preset.accompanist().generate(phrase.melody(), phrase.barStarts(), settings);
            long generated = System.nanoTime();
            long cpuGenerated = THREADS.getCurrentThreadCpuTime();
            PhrasePattern pattern = PhrasePatterns.of(phrase.melody().steps(), parts, revoicing);
            long ready = System.nanoTime();
            double millis = (ready - phrase.closedNanos()) / 1e6;
            if (!revoicing) {
                latencies.add(millis);
            }
            if (pattern.sameNotesAs(sink.get(phrase.bookIndex()))) {
                LOG.debug("Phrase {}: same accompaniment as before; kept playing", phrase.phrase() + 1);
                return;
            }
            sink.put(phrase.bookIndex(), pattern);
            history.add(phrase, parts);
            if (!revoicing && LOG.isDebugEnabled()) {
                LOG.debug("Phrase {}: {} ms waiting for the worker, {} ms in the model ({} ms on the CPU), {} ms to a "
                        + "pattern, {} ms to put it out", phrase.phrase() + 1, millis(phrase.closedNanos(), started),
                        millis(started, generated), millis(cpuStarted, cpuGenerated), millis(generated, ready),
                        millis(ready, System.nanoTime()));
            }
            long firstBar = (long) phrase.bookIndex() * bars + 1;
            if (revoicing) {
                LOG.debug("Bars {}–{} re-voiced: {} accompaniment notes from the phrase's next start", firstBar,
                        firstBar + bars - 1, pattern.noteCount());
                return;
            }
            LOG.info("Bars {}–{} (phrase {} of the song): {} melody notes → {} accompaniment notes, ready {} ms "
                    + "after the phrase was complete", firstBar, firstBar + bars - 1, phrase.phrase() + 1,
                    phrase.melody().notes().size(), pattern.noteCount(), Math.round(millis));
        } catch (RuntimeException e) {
            LOG.error("Could not accompany phrase {}: {}", phrase.phrase() + 1, e.getMessage());
            errors.report("phrase " + (phrase.phrase() + 1) + " not accompanied: " + e.getMessage());
            LOG.debug("Generation failure", e);
        }
    }

    private static String millis(long fromNanos, long toNanos) {
        return String.format(Locale.ROOT, "%.2f", (toNanos - fromNanos) / 1e6);
    }

    /**
     * Switches to the preset called {@code name}, read from disk on the worker, with its own mix: phrases captured
     * from now on use it at once, those already heard switch when they next start. A preset that cannot be loaded
     * is reported and the current one stays. Any thread.
     *
     * @return done when the preset is in use; failed with the reason it could not be loaded
     */
    public CompletableFuture<Void> usePreset(String name) {
        return usePreset(name, true);
    }

    /** As {@link #usePreset(String)}; with {@code revoice} false the phrases already heard keep what they have. */
    public CompletableFuture<Void> usePreset(String name, boolean revoice) {
        return switchTo(() -> presets.fresh(name), "Preset \"" + name + "\"", revoice);
    }

    /** Switches (as {@link #usePreset}) to the preset a Program Change (0–127) selects. Any thread. */
    public CompletableFuture<Void> usePresetNumber(int program) {
        return usePresetNumber(program, true);
    }

    /** As {@link #usePresetNumber(int)}; with {@code revoice} false the phrases already heard keep theirs. */
    public CompletableFuture<Void> usePresetNumber(int program, boolean revoice) {
        return switchTo(() -> presets.byProgram(program), "Program Change " + (program + 1), revoice);
    }

    private interface PresetLoad {
        PresetCache.Loaded load() throws CorruptWeightsException;
    }

    private CompletableFuture<Void> switchTo(PresetLoad load, String what, boolean revoice) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                PresetCache.Loaded next = load.load();
                preset = next;
                settings = settings.withMix(Mix.of(next.preset().manifest()));
                LOG.info("Preset \"{}\" is in use from the next phrase start", presetName());
                if (revoice) {
                    revoiceAll();
                }
                done.complete(null);
            } catch (CorruptWeightsException | RuntimeException e) {
                LOG.error("{}: {}", what, e.getMessage());
                errors.report(what + ": " + e.getMessage());
                LOG.debug("Preset load failure", e);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Changes the settings: new phrases use them at once, those already heard when they next start. Any thread. */
    public void useSettings(GenerationSettings newSettings) {
        useSettings(newSettings, true);
    }

    /** As {@link #useSettings(GenerationSettings)}; with {@code revoice} false only new phrases use them. */
    public void useSettings(GenerationSettings newSettings, boolean revoice) {
        settings = newSettings;
        if (revoice) {
            worker.execute(this::revoiceAll);
        }
    }

    public GenerationSettings settings() {
        return settings;
    }

    public String presetName() {
        return preset.preset().manifest().name();
    }

    /** The manifest of the preset in use. */
    public PresetManifest presetManifest() {
        return preset.preset().manifest();
    }

    /** The mix of the preset in use. */
    public Mix presetMix() {
        return Mix.of(preset.preset().manifest());
    }

    /** Milliseconds from each phrase's end to its accompaniment being ready. */
    public LatencyLog latencies() {
        return latencies;
    }

    /** The accompaniments made lately, for the studio's live page. */
    public PhraseHistory history() {
        return history;
    }

    /** Drops whatever is still queued for this session; the worker itself belongs to the engine. */
    @Override
    public void close() {
        closed = true;
    }
}
