package dev.continuo.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollEvaluatorTest {

    @Test
    void evaluatesEachPartAgainstTheMelodyAndGroupsTheRest() {
        // Two bars of 4/4. Melody: G major arpeggio G5-B5-D6-G5 in quarters, then a rest bar.
        Part melody = new Part("Melody", 0, 0, 1, 32);
        int[] tune = {79, 83, 86, 79};
        for (int i = 0; i < tune.length; i++) {
            melody.addNote(new Note(tune[i], 4 * i, 4, 100));
        }
        // Bass: G2 whole note in bar 1, D3 whole note in bar 2.
        Part bass = new Part("Bass", 1, 32, 2, 32);
        bass.addNote(new Note(43, 0, 16, 80));
        bass.addNote(new Note(50, 16, 16, 80));
        Part drums = new Part("Drums", 9, 0, 3, 32);
        drums.addNote(new Note(36, 0, 1, 100));
        PianoRoll roll = new PianoRoll(4, 32, List.of(melody, bass, drums), List.of(), List.of());

        FileMetrics metrics = new RollEvaluator().evaluate(roll, new MelodySelection(0, "chosen"));

        assertEquals("G major", metrics.key());
        assertEquals(2, metrics.bars());
        TrackMetrics m = metrics.tracks().get(0);
        assertEquals("melody", m.role());
        assertEquals(0.5, m.emptyBarRate(), 1e-12, "bar 2 has no melody");
        assertTrue(Double.isNaN(m.beatConsonance()), "the melody is not measured against itself");
        TrackMetrics b = metrics.tracks().get(1);
        assertEquals(2, b.channel(), "channels are reported from 1");
        // Bass onsets on pulses where the melody sounds: only G2 at step 0 against G5, an octave multiple.
        assertEquals(1.0, b.beatConsonance(), 1e-12);
        assertEquals(0.0, b.emptyBarRate(), 1e-12);
        TrackMetrics d = metrics.tracks().get(2);
        assertEquals("percussion", d.role());
        assertNull(d.pitchesUsed());
        assertEquals(metrics.accompaniment().beatConsonance(), b.beatConsonance(), 1e-12,
                "percussion stays out of the accompaniment group");
        assertEquals(5, metrics.all().pitchesUsed(), "79, 83, 86, 43, 50");
        assertEquals(0.0, metrics.all().emptyBarRate(), 1e-12);
    }
}
