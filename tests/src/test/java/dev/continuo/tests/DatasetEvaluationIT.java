package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuo evaluate --dataset} on a small chorale file in the JSB layout, made here. */
class DatasetEvaluationIT {

    @TempDir
    Path dir;

    /** Two "chorales" of block chords under a C major scale melody, in the Coconet JSON layout. */
    private Path chorales() throws Exception {
        StringBuilder chorale = new StringBuilder("[");
        int[] melody = {72, 74, 76, 77, 79, 77, 76, 74, 72, 71, 72, 72};
        int[][] chords = {{67, 64, 48}, {65, 59, 55}, {67, 60, 48}, {65, 60, 53}, {67, 59, 55}, {65, 60, 53},
            {67, 60, 48}, {65, 59, 55}, {64, 60, 57}, {62, 55, 55}, {64, 55, 48}, {64, 55, 48}};
        for (int beat = 0; beat < melody.length; beat++) {
            for (int step = 0; step < 4; step++) {
                chorale.append(chorale.length() > 1 ? "," : "").append('[').append(melody[beat]).append(',')
                        .append(chords[beat][0]).append(',').append(chords[beat][1]).append(',')
                        .append(chords[beat][2]).append(']');
            }
        }
        chorale.append(']');
        Path file = dir.resolve("jsb.json");
        Files.writeString(file, "{\"train\": [], \"valid\": [], \"test\": [" + chorale + "," + chorale + "]}");
        return file;
    }

    @Test
    void comparesThePresetWithBachAndTheBaselines() throws Exception {
        ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(), "evaluate",
                "--dataset", chorales().toString(), "--split", "test", "--json");
        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode systems = new ObjectMapper().readTree(result.stdout());
        assertEquals(5, systems.size());
        assertEquals("reference", systems.get(0).get("system").asText());
        assertEquals("preset", systems.get(1).get("system").asText());
        assertEquals(1.0, systems.get(0).get("values").get("chord_agreement").asDouble(), 1e-12);
        double preset = systems.get(1).get("values").get("chord_agreement").asDouble();
        double octave = systems.get(2).get("values").get("chord_agreement").asDouble();
        assertTrue(preset > octave, "the chorale preset harmonizes better than octave doubling: " + preset + " vs "
                + octave);
        assertEquals(1.0, systems.get(0).get("values").get("similarity_index").asDouble(), 1e-12,
                "Bach's parts against themselves");
        for (JsonNode system : systems) {
            double similarity = system.get("values").get("similarity_index").asDouble();
            assertTrue(similarity >= 0 && similarity <= 1, system.toString());
        }
        assertTrue(systems.get(1).get("values").get("similarity_index").asDouble()
                > systems.get(2).get("values").get("similarity_index").asDouble(),
                "the preset's parts are more like Bach's than the melody an octave down");
    }

    @Test
    void aMissingSplitIsBadInput() throws Exception {
        ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(), "evaluate",
                "--dataset", chorales().toString(), "--split", "nope", "--preset", "none");
        assertEquals(2, result.exitCode());
        assertTrue(result.stderr().contains("no split \"nope\""), result.stderr());
    }

    @Test
    void theSuiteMovesAndRetimesTheHeldOutPiecesAndAccompaniesItsOwnMelodies() throws Exception {
        ContinuoProcess.Result result = ContinuoProcess.run(dir, ContinuoProcess.MODEL_HEAP, Map.of(), "evaluate",
                "--suite", "--jsb", chorales().toString(), "--presets", "chorale", "--json");
        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode tables = new ObjectMapper().readTree(result.stdout());
        for (String set : new String[] {"jsb-test", "jsb-test-keys", "jsb-test-half", "jsb-test-double",
            "jsb-test-moved-slowed"}) {
            JsonNode systems = tables.get(set);
            assertEquals("reference", systems.get(0).get("system").asText(), set);
            assertEquals("chorale", systems.get(1).get("system").asText(), set);
            assertEquals(1.0, systems.get(0).get("values").get("chord_agreement").asDouble(), 1e-12,
                    set + ": the reference moves with the melody");
            double preset = systems.get(1).get("values").get("chord_agreement").asDouble();
            double octave = systems.get(2).get("values").get("chord_agreement").asDouble();
            assertTrue(preset > octave, set + ": " + preset + " vs " + octave);
        }
        JsonNode melodies = tables.get("melodies");
        assertEquals("chorale", melodies.get(0).get("system").asText(), "no reference for the typed-in melodies");
        assertTrue(melodies.get(0).get("values").get("chord_agreement") == null);
        double sane = melodies.get(0).get("values").get("passes_sanity_checks").asDouble();
        double newNotes = melodies.get(0).get("values").get("bars_with_new_note").asDouble();
        assertTrue(sane >= 0.9 && newNotes >= 0.95, "the chorale preset on the suite's melodies: sane " + sane
                + ", bars with a new note " + newNotes);
    }
}
