package dev.continuo.bridge.serve;

import dev.continuo.bridge.realtime.PhraseBook;
import dev.continuo.bridge.realtime.PhrasePattern;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accompanies captured phrases on one background thread and publishes the result in the {@link PhraseBook}. When
 * several versions of a phrase wait, only the newest is generated. A preset or settings change re-voices every
 * phrase captured so far, on the same thread; those patterns wait for their phrase's next start, so the switch
 * happens on a phrase boundary.
 */
public final class PhraseGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PhraseGenerator.class);

    private final PhraseBook book;
    private final int bars;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "continuo-generate");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Integer, Long> newest = new ConcurrentHashMap<>();
    private final Map<Integer, CapturedPhrase> captured = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LatencyLog latencies = new LatencyLog(4096);
    private volatile GenerationSettings settings;
    private volatile String presetName;
    private Accompanist accompanist;

    public PhraseGenerator(PhraseBook book, int bars, Preset preset, GenerationSettings settings) {
        this.book = book;
        this.bars = bars;
        this.accompanist = new Accompanist(preset);
        this.presetName = preset.manifest().name();
        this.settings = settings;
    }

    /**
     * Runs the model once on a short melody so that the first real phrase does not pay for graph building and JIT
     * compilation. Blocks until done.
     */
    public void warmUp() throws InterruptedException {
        Part melody = new Part("warm-up", 0, 0, -1, bars * 16);
        melody.addNote(new Note(67, 0, 4, 80));
        melody.addNote(new Note(64, 4, 4, 80));
        try {
            worker.submit(() -> accompanist.generate(melody, settings)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the model failed on a test melody: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Queues a phrase for accompaniment. Any thread. */
    public void submit(CapturedPhrase phrase) {
        captured.put(phrase.bookIndex(), phrase);
        queue(phrase, false);
    }

    private void queue(CapturedPhrase phrase, boolean revoicing) {
        long id = sequence.incrementAndGet();
        newest.put(phrase.bookIndex(), id);
        worker.execute(() -> generate(phrase, id, revoicing));
    }

    /** Queues every captured phrase again, for patterns that wait for their phrase start. Worker thread. */
    private void revoiceAll() {
        captured.values().forEach(phrase -> queue(phrase, true));
    }

    private void generate(CapturedPhrase phrase, long id, boolean revoicing) {
        if (newest.getOrDefault(phrase.bookIndex(), id) != id) {
            return;
        }
        try {
            List<Part> parts = accompanist.generate(phrase.melody(), settings);
            PhrasePattern pattern = PhrasePatterns.of(phrase.melody().steps(), parts, revoicing);
            double millis = (System.nanoTime() - phrase.closedNanos()) / 1e6;
            if (!revoicing) {
                latencies.add(millis);
            }
            if (pattern.sameNotesAs(book.get(phrase.bookIndex()))) {
                LOG.debug("Phrase {}: same accompaniment as before; kept playing", phrase.phrase() + 1);
                return;
            }
            book.put(phrase.bookIndex(), pattern);
            long firstBar = (long) phrase.bookIndex() * bars + 1;
            if (revoicing) {
                LOG.debug("Bars {}–{} re-voiced: {} accompaniment notes from the phrase's next start", firstBar,
                        firstBar + bars - 1, pattern.noteCount());
                return;
            }
            LOG.info("Bars {}–{} (phrase {} of the song): {} melody notes → {} accompaniment notes, ready {} ms "
                    + "after the phrase ended", firstBar, firstBar + bars - 1, phrase.phrase() + 1,
                    phrase.melody().notes().size(), pattern.noteCount(), Math.round(millis));
        } catch (RuntimeException e) {
            LOG.error("Could not accompany phrase {}: {}", phrase.phrase() + 1, e.getMessage());
            LOG.debug("Generation failure", e);
        }
    }

    /**
     * Switches to another preset, with its own mix: phrases captured from now on use it at once, those already
     * heard switch when they next start. Any thread.
     */
    public void usePreset(Preset preset) {
        worker.execute(() -> {
            accompanist = new Accompanist(preset);
            presetName = preset.manifest().name();
            settings = settings.withMix(Mix.of(preset.manifest()));
            LOG.info("Preset \"{}\" is in use from the next phrase start", presetName);
            revoiceAll();
        });
    }

    /** Changes the settings: new phrases use them at once, those already heard when they next start. Any thread. */
    public void useSettings(GenerationSettings newSettings) {
        settings = newSettings;
        worker.execute(this::revoiceAll);
    }

    public GenerationSettings settings() {
        return settings;
    }

    public String presetName() {
        return presetName;
    }

    /** Milliseconds from each phrase's end to its accompaniment being ready. */
    public LatencyLog latencies() {
        return latencies;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
