package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import dev.continuo.engine.testing.BrokenMidiCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code continuo evaluate} and {@code continuo demo} as a user runs them: a separate JVM, real files. */
class EvaluateCommandIT {

    @TempDir
    Path dir;

    /** A waltz in F major: melody, bass on the downbeats, two chord voices on beats 2 and 3. */
    private Path waltz() throws Exception {
        int bars = 4;
        int bar = 12;
        Part melody = new Part("Violin", 0, 40, 1, bars * bar);
        Part bass = new Part("Bass", 1, 32, 2, bars * bar);
        Part upper = new Part("Guitar", 2, 24, 3, bars * bar);
        Part lower = new Part("Piano", 3, 0, 4, bars * bar);
        int[][] chords = {{53, 69, 72}, {48, 67, 70}, {50, 65, 69}, {53, 69, 72}}; // F, C7, Dm, F
        int[] tune = {77, 76, 74, 72, 76, 79, 77, 74, 72, 77, 81, 77};
        for (int b = 0; b < bars; b++) {
            bass.addNote(new Note(chords[b][0] - 12, b * bar, 4, 90));
            for (int beat = 1; beat < 3; beat++) {
                upper.addNote(new Note(chords[b][2] - 12, b * bar + 4 * beat, 4, 70));
                lower.addNote(new Note(chords[b][1] - 12, b * bar + 4 * beat, 4, 70));
            }
            for (int beat = 0; beat < 3; beat++) {
                melody.addNote(new Note(tune[b * 3 + beat], b * bar + 4 * beat, 4, 100));
            }
        }
        PianoRoll roll = new PianoRoll(4, bars * bar, List.of(melody, bass, upper, lower),
                List.of(new TempoChange(0, 400_000)), List.of(new MeterChange(0, new Meter(3, 4))));
        Path file = dir.resolve("waltz.mid");
        new MidiFileWriter().write(roll, "Waltz", file);
        return file;
    }

    @Test
    void evaluatePrintsJsonMetricsPerPartAndOverall() throws Exception {
        Path file = waltz();
        ContinuoProcess.Result result = ContinuoProcess.run(dir, "evaluate", file.toString(), "--json");

        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertEquals(file.toString(), json.get("file").asText());
        assertEquals("3/4@1", json.get("meters").get(0).asText());
        assertEquals("150@1", json.get("tempos").get(0).asText());
        JsonNode metrics = json.get("metrics");
        assertEquals("F major", metrics.get("key").asText());
        assertEquals(4, metrics.get("bars").asInt());
        assertEquals(4, metrics.get("tracks").size());
        JsonNode violin = metrics.get("tracks").get(0);
        assertEquals("melody", violin.get("role").asText());
        assertTrue(violin.get("beatConsonance").isNull(), "undefined metrics are JSON null");
        JsonNode all = metrics.get("all");
        assertEquals(0.0, all.get("emptyBarRate").asDouble());
        assertTrue(all.get("inScaleRate").asDouble() > all.get("inScaleRateCMajor").asDouble(),
                "B flat counts in F major but not in C major");
        assertEquals(1.0, metrics.get("tracks").get(1).get("beatConsonance").asDouble(),
                "the bass plays chord roots under chord tones");
    }

    @Test
    void evaluateTakesTheMelodyFromTheTrackTheUserNames() throws Exception {
        Path file = waltz();
        ContinuoProcess.Result result = ContinuoProcess.run(dir, "evaluate", file.toString(), "--melody-track",
                "2", "--json");
        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode tracks = new ObjectMapper().readTree(result.stdout()).get("metrics").get("tracks");
        assertEquals("melody", tracks.get(1).get("role").asText());
        assertEquals("part", tracks.get(0).get("role").asText());
    }

    @Test
    void evaluatePrintsATableByDefault() throws Exception {
        ContinuoProcess.Result result = ContinuoProcess.run(dir, "evaluate", waltz().toString());
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("key:    F major"), result.stdout());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("Violin") && l.contains("melody")));
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("accompaniment")));
    }

    static Stream<BrokenMidiCorpus.Case> brokenFiles() {
        return BrokenMidiCorpus.all().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFilesGetOneLineAndExitCode2(BrokenMidiCorpus.Case broken) throws Exception {
        Path file = dir.resolve(broken.fileName());
        Files.write(file, broken.bytes());
        assertRejectedCleanly(file, broken.expectedPhrase());
    }

    @Test
    void aMillionEventsAreRejectedWithinASmallHeap() throws Exception {
        Path file = dir.resolve("million-events.mid");
        Files.write(file, BrokenMidiCorpus.millionEvents());
        assertRejectedCleanly(file, "more than 500000 events");
    }

    @Test
    void directoriesAndMissingFilesAreRejected() throws Exception {
        assertRejectedCleanly(dir, "is a directory");
        assertRejectedCleanly(dir.resolve("missing.mid"), "no such file");
    }

    @Test
    void aTrackWithoutNotesIsBadInput() throws Exception {
        Path file = waltz();
        ContinuoProcess.Result result = ContinuoProcess.run(dir, "evaluate", file.toString(), "--melody-track", "9");
        assertEquals(2, result.exitCode());
        assertEquals(List.of("ERROR: " + file + ": track 9 has no notes; tracks with notes: 1, 2, 3, 4"),
                result.stderrLines());
    }

    @Test
    void unknownOptionsAreBadInput() throws Exception {
        assertEquals(2, ContinuoProcess.run(dir, "evaluate", "--no-such-option").exitCode());
    }

    @Test
    void demoAccompaniesTheBundledMelodyWithTheBundledPreset() throws Exception {
        ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, java.util.Map.of(),
                "demo");
        assertEquals(0, result.exitCode(), result.stderr());
        Path written = dir.resolve("demo-out/ode-to-joy-continuo.mid");
        PianoRoll roll = new MidiFileReader().read(written);
        assertEquals(List.of("Melody", "Alto", "Tenor", "Bass"), roll.parts().stream().map(Part::name).toList(),
                "the melody and the three voices that sound; the soprano's track is empty (muted by default)");
        assertEquals(8, roll.barStarts().length);
        for (int p = 1; p <= 3; p++) {
            assertTrue(roll.part(p).notes().size() > 8, "part " + p + " plays");
        }
        assertTrue(result.stderr().contains("3 parts (Soprano silent)"), result.stderr());
        assertTrue(result.stdout().contains("key:    D major"), result.stdout());
        assertTrue(result.stderr().contains("preset \"chorale\""), result.stderr());
    }

    private void assertRejectedCleanly(Path file, String phrase) throws Exception {
        ContinuoProcess.Result result = ContinuoProcess.run(dir, "evaluate", file.toString());
        assertEquals(2, result.exitCode(), result.stderr());
        assertEquals(1, result.stderrLines().size(), () -> "one line, got: " + result.stderr());
        String line = result.stderrLines().get(0);
        assertTrue(line.startsWith("ERROR: " + file + ": "), line);
        assertTrue(line.contains(phrase), () -> "expected \"" + phrase + "\" in: " + line);
        assertFalse(line.contains("Exception"), line);
        assertEquals("", result.stdout());
    }
}
