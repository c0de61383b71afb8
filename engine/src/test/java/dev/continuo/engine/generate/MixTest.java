package dev.continuo.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.preset.PartControls;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixTest {

    private static List<Part> fourParts() {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Part part = new Part("P" + i, i + 1, 19, -1, 32);
            for (int step = 0; step < 32; step += 4) {
                part.addNote(new Note(60 - 5 * i, step, 4, 80));
            }
            parts.add(part);
        }
        return parts;
    }

    private static Mix plain() {
        return new Mix(List.of(PartControls.DEFAULT, PartControls.DEFAULT, PartControls.DEFAULT,
                PartControls.DEFAULT), 0);
    }

    @Test
    void muteEmptiesThePartButKeepsItsTrack() {
        List<Part> mixed = plain().withPart(1, PartControls.DEFAULT.withMuted(true)).apply(fourParts(), 0);
        assertEquals(4, mixed.size());
        assertTrue(mixed.get(1).notes().isEmpty());
        assertEquals("P1", mixed.get(1).name());
        assertEquals(2, mixed.get(1).channel());
        assertEquals(8, mixed.get(0).notes().size());
    }

    @Test
    void soloSilencesEveryPartNotSoloed() {
        Mix mix = plain().withPart(2, PartControls.DEFAULT.withSolo(true)).withPart(3,
                PartControls.DEFAULT.withSolo(true).withMuted(true));
        List<Part> mixed = mix.apply(fourParts(), 0);
        assertEquals(List.of(0, 0, 8, 0), mixed.stream().map(p -> p.notes().size()).toList(),
                "only the soloed, unmuted part sounds");
    }

    @Test
    void octaveAndVelocityMoveEveryNoteAndDropThoseOutOfRange() {
        Mix mix = plain().withPart(0, PartControls.DEFAULT.withOctave(-1).withVelocity(110));
        Part moved = mix.apply(fourParts(), 0).get(0);
        assertTrue(moved.notes().stream().allMatch(n -> n.pitch() == 48 && n.velocity() == 110));

        Part high = new Part("high", 0, 0, -1, 8);
        high.addNote(new Note(120, 0, 4, 80));
        high.addNote(new Note(100, 4, 4, 80));
        List<Part> parts = new ArrayList<>(fourParts().subList(0, 3));
        parts.add(high);
        Part shifted = plain().withPart(3, PartControls.DEFAULT.withOctave(2)).apply(parts, 0).get(3);
        assertEquals(List.of(124), shifted.notes().stream().map(Note::pitch).toList(), "120 + 24 is past 127");
    }

    @Test
    void humanizeVariesVelocitiesWithinItsRangeTheSameWayForTheSameSeed() {
        Mix mix = plain().withHumanize(0.5);
        List<Integer> first = mix.apply(fourParts(), 7).stream().flatMap(p -> p.notes().stream())
                .map(Note::velocity).toList();
        List<Integer> again = mix.apply(fourParts(), 7).stream().flatMap(p -> p.notes().stream())
                .map(Note::velocity).toList();
        List<Integer> otherSeed = mix.apply(fourParts(), 8).stream().flatMap(p -> p.notes().stream())
                .map(Note::velocity).toList();
        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
        assertTrue(first.stream().allMatch(v -> Math.abs(v - 80) <= 12), first.toString());
        assertTrue(first.stream().distinct().count() > 5, "velocities actually vary: " + first);
    }

    @Test
    void presetDefaultsComeFromTheManifestAndBadValuesAreRefused() {
        Mix mix = Mix.of(TinyModels.preset(1).manifest());
        assertEquals(PartControls.DEFAULT, mix.parts().get(0));
        assertThrows(IllegalArgumentException.class, () -> PartControls.DEFAULT.withOctave(4));
        assertThrows(IllegalArgumentException.class, () -> PartControls.DEFAULT.withVelocity(128));
        assertThrows(IllegalArgumentException.class, () -> plain().withHumanize(1.5));
        assertEquals(PartControls.DEFAULT_VELOCITY, new PartControls(false, false, 0, 0).velocity(),
                "a manifest's missing velocity means the default");
    }
}
