package dev.continuo.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.generate.ChordPrior;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.testing.TinyModels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VoicingChoiceTest {

    /** Two bars a piece: C major under C and E, then G major under D and B, in four parts; moved by {@code shift}. */
    private static Example piece(int shift) {
        Part melody = new Part("melody", 0, 0, -1, 32);
        melody.addNote(new Note(72 + shift, 0, 8, 90));
        melody.addNote(new Note(76 + shift, 8, 8, 90));
        melody.addNote(new Note(74 + shift, 16, 8, 90));
        melody.addNote(new Note(71 + shift, 24, 8, 90));
        List<Part> parts = new ArrayList<>();
        int[][] chords = {{67, 64, 60, 48}, {67, 62, 59, 43}};
        for (int voice = 0; voice < 4; voice++) {
            Part part = new Part("voice " + voice, voice + 1, 0, -1, 32);
            part.addNote(new Note(chords[0][voice] + shift, 0, 16, 90));
            part.addNote(new Note(chords[1][voice] + shift, 16, 16, 90));
            parts.add(part);
        }
        return new Example("piece " + shift, melody, parts);
    }

    private static List<Example> data() {
        List<Example> pieces = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pieces.add(piece(i % 5 - 2));
        }
        return pieces;
    }

    private static Preset withDecoding(Preset preset, Decoding decoding) {
        PresetManifest m = preset.manifest();
        return new Preset(new PresetManifest(m.name(), m.description(), m.architecture(), m.parts(), decoding,
                m.training(), m.metrics()), preset.weights());
    }

    @Test
    void keepsTheCandidateThatAgreesBestWithTheRealParts() {
        Preset tiny = TinyModels.onsetPreset(3);
        boolean[] all = {true, true, true, true};
        Decoding withChords = tiny.manifest().decoding().withChords(1.5, ChordPrior.learn(data(), all, true));
        VoicingChoice.Result result = VoicingChoice.choose(withDecoding(tiny, withChords), data(), true);

        Map<String, Double> agreements = result.agreements();
        assertEquals(List.of(VoicingChoice.ALONE, VoicingChoice.BEAT_CHORDS, VoicingChoice.CHORD_PATH),
                List.copyOf(agreements.keySet()));
        assertEquals(Collections.max(agreements.values()), agreements.get(result.chosen()));
        Decoding chosen = result.decoding();
        assertEquals(result.chosen().equals(VoicingChoice.BEAT_CHORDS), chosen.voicesChords(), result.chosen());
        assertEquals(result.chosen().equals(VoicingChoice.CHORD_PATH), chosen.followsProgression(), result.chosen());
        assertEquals(Set.of("voicing_alone", "voicing_beat_chords", "voicing_chord_path"), result.metrics().keySet());
    }

    @Test
    void polyphonicPresetsAndTooLittleDataAreLeftAsTheyAre() {
        Preset tiny = TinyModels.onsetPreset(3);
        Decoding d = tiny.manifest().decoding();
        Decoding chords = new Decoding(d.threshold(), false, d.melodyCenter(), d.minNoteSteps(), d.ensemble());
        VoicingChoice.Result polyphonic = VoicingChoice.choose(withDecoding(tiny, chords), data(), true);
        assertSame(chords, polyphonic.decoding());
        assertNull(polyphonic.chosen());

        VoicingChoice.Result few = VoicingChoice.choose(tiny, data().subList(0, 3), true);
        assertSame(d, few.decoding());
        assertTrue(few.agreements().isEmpty());
        assertFalse(few.decoding().followsProgression());
    }
}
