package dev.continuo.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimilarityIndexTest {

    private static final int[] BARS = {0, 16};
    private static final int[] PULSES = {0, 4, 8, 12, 16, 20, 24, 28};
    private final SimilarityIndex index = new SimilarityIndex();

    /** Two bars of 4/4 in sixteenths, one part holding these notes. */
    private static SimilarityIndex.Sample sample(Note... notes) {
        Part part = new Part("Part", 1, 0, -1, 32);
        for (Note note : notes) {
            part.addNote(note);
        }
        return new SimilarityIndex.Sample(List.of(part), BARS, PULSES, 32);
    }

    @Test
    void aSetComparedWithItselfScoresOne() {
        List<SimilarityIndex.Sample> set = List.of(
                sample(new Note(48, 0, 4, 80), new Note(55, 4, 4, 80), new Note(52, 8, 8, 80), new Note(50, 16, 16, 80)),
                sample(new Note(60, 0, 2, 80), new Note(62, 2, 2, 80), new Note(64, 4, 12, 80)));
        SimilarityIndex.Result result = index.compare(set, set);
        assertEquals(1.0, result.value(), 1e-12);
        result.features().values().forEach(overlap -> assertEquals(1.0, overlap, 1e-12));
        assertEquals(SimilarityIndex.FEATURES, List.copyOf(result.features().keySet()));
    }

    @Test
    void aWorkedCaseWithOneFeatureDisjointAndOneNotComparable() {
        // One held note each, C against C#: the pitch classes are disjoint (0); range (0 semitones), length (16),
        // polyphony (1 sounding) and chord changes (none in either bar) are the same (1); a single note has no
        // inter-onset interval, so that feature is left out: (0 + 1 + 1 + 1 + 1) / 5 = 0.8.
        SimilarityIndex.Result result = index.compare(List.of(sample(new Note(60, 0, 16, 80))),
                List.of(sample(new Note(61, 0, 16, 80))));
        assertEquals(0.8, result.value(), 1e-12);
        Map<String, Double> features = result.features();
        assertEquals(0.0, features.get("pitch_class"), 1e-12);
        assertTrue(Double.isNaN(features.get("inter_onset")));
        assertEquals(1.0, features.get("polyphony"), 1e-12);
    }

    @Test
    void aWorkedCaseOfPartialOverlaps() {
        // Generated: four quarter notes C E G C' (pitch classes C, E, G, C; lengths 4 ×4; onsets 4 apart ×3;
        // range 12 → bin 3; one sounding at 16 steps; bar 1 changes chord 3 times).
        // Real: two half notes C G (classes C, G; lengths 8 ×2; one onset gap of 8; range 7 → bin 1; one sounding
        // at 16 steps; 1 change).
        SimilarityIndex.Sample generated = sample(new Note(60, 0, 4, 80), new Note(64, 4, 4, 80),
                new Note(67, 8, 4, 80), new Note(72, 12, 4, 80));
        SimilarityIndex.Sample real = sample(new Note(60, 0, 8, 80), new Note(67, 8, 8, 80));
        Map<String, Double> features = index.compare(List.of(generated), List.of(real)).features();
        // pitch classes: generated C 1/2, E 1/4, G 1/4; real C 1/2, G 1/2 → 1/2 + 0 + 1/4 = 3/4.
        assertEquals(0.75, features.get("pitch_class"), 1e-12);
        assertEquals(0.0, features.get("pitch_range"), 1e-12);
        assertEquals(0.0, features.get("note_length"), 1e-12, "4 against 8 sixteenths: different bins");
        assertEquals(0.0, features.get("inter_onset"), 1e-12);
        assertEquals(1.0, features.get("polyphony"), 1e-12);
        assertEquals(0.0, features.get("chord_changes"), 1e-12, "3 changes in a bar against 1");
        assertEquals((0.75 + 1.0) / 6, index.compare(List.of(generated), List.of(real)).value(), 1e-12);
    }

    @Test
    void nothingToCompareGivesNaN() {
        assertTrue(Double.isNaN(index.compare(List.of(sample()), List.of(sample())).value()));
    }
}
