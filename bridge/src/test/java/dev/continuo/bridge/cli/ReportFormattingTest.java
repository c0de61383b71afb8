package dev.continuo.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormattingTest {

    /** Two bars of 6/8 at 90 then 120 bpm: a melody and a bass that rests in bar 2. */
    private static EvaluationReport report() {
        Part melody = new Part("Flute", 0, 73, 1, 24);
        melody.addNote(new Note(72, 0, 12, 100));
        melody.addNote(new Note(74, 12, 12, 100));
        Part bass = new Part("Bass", 1, 32, 2, 24);
        bass.addNote(new Note(48, 0, 6, 90));
        PianoRoll roll = new PianoRoll(4, 24, List.of(melody, bass),
                List.of(new TempoChange(0, 666_667), new TempoChange(12, 500_000)),
                List.of(new MeterChange(0, new Meter(6, 8))));
        return EvaluationReport.of("song.mid", roll, new MelodySelection(0, "asked for"));
    }

    @Test
    void jsonWritesUndefinedMetricsAsNull() throws Exception {
        JsonNode json = new ObjectMapper().readTree(MetricsJson.toJson(report()));
        assertEquals(List.of("90@1", "120@2"), List.of(json.get("tempos").get(0).asText(),
                json.get("tempos").get(1).asText()));
        assertEquals("6/8@1", json.get("meters").get(0).asText());
        JsonNode melody = json.get("metrics").get("tracks").get(0);
        assertTrue(melody.get("beatConsonance").isNull());
        assertTrue(melody.get("tonalDistanceToMelody").isNull());
        assertEquals(0.5, json.get("metrics").get("tracks").get(1).get("emptyBarRate").asDouble());
    }

    @Test
    void tableShowsUndefinedAsDashAndAlignsColumns() {
        String table = MetricsTable.format(report());
        List<String> lines = table.lines().toList();
        assertTrue(lines.contains("melody: asked for"), table);
        assertTrue(lines.contains("bars:   2, meter 6/8@1, tempo 90@1 120@2 bpm"), table);
        String header = lines.stream().filter(l -> l.startsWith("part")).findFirst().orElseThrow();
        String flute = lines.stream().filter(l -> l.startsWith("Flute")).findFirst().orElseThrow();
        assertEquals(header.length(), flute.length(), "rows are as wide as the header");
        assertTrue(flute.endsWith("-      -"), flute);
    }
}
