package dev.continuo.bridge.studio;

import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.roll.PianoRoll;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates for the studio page the way {@code continuo generate} does ({@link Accompanist#accompany} with the
 * preset's manifest resolving the mix; variation k with seed + k), and keeps the latest results for download.
 *
 * <p>Thread-safe: generation is serialized (an {@link Accompanist} is single-threaded, and two generations at once
 * would only share the same cores), and loaded presets are kept, so the second generation skips loading.
 */
public final class StudioGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(StudioGenerator.class);
    /** Results kept for download; older ones are dropped. */
    static final int KEPT_RESULTS = 64;

    private final PresetCatalog catalog;
    private final Map<String, Accompanist> accompanists = new HashMap<>();
    private final Map<String, Result> results = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Result> eldest) {
            return size() > KEPT_RESULTS;
        }
    };
    private final AtomicLong nextId = new AtomicLong(1);

    /**
     * One generated roll.
     *
     * @param id     what {@link #midiFile} takes
     * @param preset the preset's name
     * @param seed   the noise seed
     * @param roll   the melody and the four parts
     */
    public record Result(String id, String preset, long seed, PianoRoll roll) {
    }

    public StudioGenerator(PresetCatalog catalog) {
        this.catalog = catalog;
    }

    /** Forgets loaded presets, so that one trained since (or retrained) is read again. */
    public synchronized void reloadPresets() {
        accompanists.clear();
    }

    /**
     * The request's variations, in order.
     *
     * @throws IllegalArgumentException with a one-line reason for an unusable melody or setting
     * @throws CorruptWeightsException  if the preset is missing or damaged
     */
    public synchronized List<Result> generate(GenerateRequest request) throws CorruptWeightsException {
        PianoRoll melody = request.melodyRoll();
        Accompanist accompanist = accompanist(request.preset());
        Preset preset = accompanist.preset();
        GenerationSettings settings = request.settings(preset.manifest());
        List<Result> made = new ArrayList<>();
        for (int variation = 0; variation < request.variations(); variation++) {
            long seed = request.seed() + variation;
            long start = System.nanoTime();
            PianoRoll roll = accompanist.accompany(melody, 0, settings.withSeed(seed));
            LOG.debug("Generated in {} ms", (System.nanoTime() - start) / 1_000_000);
            Result result = new Result(Long.toString(nextId.getAndIncrement()), preset.manifest().name(), seed, roll);
            results.put(result.id(), result);
            made.add(result);
        }
        LOG.info("Generated {} variation(s) with preset \"{}\" from seed {}", made.size(), preset.manifest().name(),
                request.seed());
        return made;
    }

    /** The multitrack MIDI file of a kept result, or empty if there is none by that id (any more). */
    public synchronized Optional<byte[]> midiFile(String id) {
        Result result = results.get(id);
        if (result == null) {
            return Optional.empty();
        }
        return Optional.of(new MidiFileWriter().toBytes(result.roll(),
                "Accompanied by Continuo (" + result.preset() + ", seed " + result.seed() + ")"));
    }

    /** Presets by name only: the page must not make the studio read a folder of its choosing. */
    private Accompanist accompanist(String name) throws CorruptWeightsException {
        String key = name == null || name.isBlank() ? PresetCatalog.DEFAULT : name;
        Accompanist accompanist = accompanists.get(key);
        if (accompanist == null) {
            if (!PresetManifest.isValidName(key)) {
                throw new IllegalArgumentException("no preset named \"" + key + "\"");
            }
            accompanist = new Accompanist(catalog.load(key));
            accompanists.put(key, accompanist);
        }
        return accompanist;
    }
}
