package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.realtime.PhraseBook;
import dev.continuo.bridge.realtime.PhrasePattern;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.preset.PartControls;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhraseGeneratorTest {

    private static CapturedPhrase phrase(int bookIndex) {
        Part melody = new Part("melody", 0, 0, -1, 32);
        for (int step = 0; step < 32; step += 4) {
            melody.addNote(new Note(60 + (step / 4) % 5, step, 4, 90));
        }
        return new CapturedPhrase(bookIndex, bookIndex, melody, System.nanoTime(), true, 16);
    }

    /** A take of {@code bookIndex} stopped after its first note. */
    private static CapturedPhrase cutShort(int bookIndex) {
        Part melody = new Part("melody", 0, 0, -1, 32);
        melody.addNote(new Note(72, 0, 32, 90));
        return new CapturedPhrase(bookIndex, bookIndex, melody, System.nanoTime(), false, 16);
    }

    /** Waits until everything queued on {@code worker} so far has run. */
    private static void drain(ExecutorService worker) throws Exception {
        worker.submit(() -> { }).get();
    }

    private static PhrasePattern await(PhraseBook book, int index, Predicate<PhrasePattern> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            PhrasePattern pattern = book.get(index);
            if (pattern != null && condition.test(pattern)) {
                return pattern;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no such pattern for phrase " + index + ": " + book.get(index));
    }

    /** The tiny preset with other programs and another name. */
    private static Preset otherPreset() {
        Preset tiny = TinyModels.preset(9);
        PresetManifest m = tiny.manifest();
        List<dev.continuo.engine.preset.PartSpec> parts = m.parts().stream()
                .map(p -> new dev.continuo.engine.preset.PartSpec(p.name(), 40, p.channel(),
                        PartControls.DEFAULT.withMuted(p.channel() == 2)))
                .toList();
        return new Preset(new PresetManifest("other", m.description(), m.architecture(), parts, m.decoding(),
                m.training(), m.metrics()), tiny.weights());
    }

    @Test
    void aTakeCutShortNeverReplacesACompleteOneButFillsAnEmptyPhrase(@TempDir Path presetsFolder) throws Exception {
        PresetCache presets = new PresetCache(new PresetCatalog(presetsFolder));
        PhraseBook book = new PhraseBook();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (PhraseGenerator generator = new PhraseGenerator(PatternSink.of(book), 2, worker, presets,
                presets.add("tiny", TinyModels.preset(5)), GenerationSettings.defaults().withThreshold(-0.5),
                new LastError())) {
            generator.submit(phrase(0));
            PhrasePattern complete = await(book, 0, p -> true);
            generator.submit(cutShort(0));
            drain(worker);
            assertSame(complete, book.get(0), "the stopped take left the complete one playing");

            generator.submit(cutShort(1));
            PhrasePattern partial = await(book, 1, p -> true);
            generator.submit(cutShort(1));
            generator.submit(phrase(1));
            PhrasePattern replaced = await(book, 1, p -> p != partial);
            assertTrue(replaced.noteCount() > 0, "a complete take replaces one cut short");
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void newTakesPlayAtOnceAndPresetOrMixChangesWaitForThePhraseStart(@TempDir Path presetsFolder)
            throws Exception {
        otherPreset().save(presetsFolder.resolve("other"));
        PresetCache presets = new PresetCache(new PresetCatalog(presetsFolder));
        PhraseBook book = new PhraseBook();
        GenerationSettings settings = GenerationSettings.defaults().withThreshold(-0.5);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (PhraseGenerator generator = new PhraseGenerator(PatternSink.of(book), 2, worker, presets,
                presets.add("tiny", TinyModels.preset(5)), settings, new LastError())) {
            generator.submit(phrase(0));
            generator.submit(phrase(1));
            PhrasePattern first = await(book, 0, p -> true);
            await(book, 1, p -> true);
            assertFalse(first.waitsForPhraseStart(), "a new take replaces the phrase at once");
            assertEquals(19, first.partProgram(0));
            assertTrue(first.noteCount() > 0);

            generator.usePreset("other").get();
            for (int index = 0; index < 2; index++) {
                PhrasePattern switched = await(book, index, p -> p.partProgram(0) == 40);
                assertTrue(switched.waitsForPhraseStart(), "every heard phrase switches at its next start");
                for (int note = 0; note < switched.noteCount(); note++) {
                    assertTrue(switched.part(note) != 0, "the other preset mutes its first part by default");
                }
            }
            assertEquals("other", generator.presetName());

            PhrasePattern before = book.get(0);
            Mix mix = generator.settings().mix().withPart(0, PartControls.DEFAULT).withPart(1,
                    PartControls.DEFAULT.withVelocity(127));
            generator.useSettings(generator.settings().withMix(mix));
            PhrasePattern revoiced = await(book, 0, p -> p != before);
            assertNotSame(before, revoiced);
            assertTrue(revoiced.waitsForPhraseStart());
            boolean partOneSounds = false;
            for (int note = 0; note < revoiced.noteCount(); note++) {
                partOneSounds |= revoiced.part(note) == 0;
                if (revoiced.part(note) == 1) {
                    assertEquals(127, revoiced.velocity(note));
                }
            }
            assertTrue(partOneSounds, "unmuted by the new mix");
            assertEquals(2, generator.latencies().count(), "re-voicing is not a new phrase's latency");

            ExecutionException missing = assertThrows(ExecutionException.class,
                    () -> generator.usePreset("missing").get());
            assertTrue(missing.getCause().getMessage().contains("no preset named \"missing\""),
                    missing.getCause().getMessage());
            assertEquals("other", generator.presetName(), "a preset that cannot be loaded leaves the current one");
        } finally {
            worker.shutdownNow();
        }
    }
}
