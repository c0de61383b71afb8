package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.preset.PartControls;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ControlChangesTest {

    private static final Mix PRESET_MIX = new Mix(Collections.nCopies(4, PartControls.DEFAULT), 0);

    private static GenerationSettings after(GenerationSettings settings, int controller, int value) {
        return ControlChanges.apply(settings, PRESET_MIX, controller, value).settings();
    }

    @Test
    void densitySeedNoiseAndHumanizeFollowTheirControllers() {
        GenerationSettings start = GenerationSettings.defaults();
        assertEquals(-0.99, after(start, 20, 0).threshold(), 1e-9, "clamped inside (-1, 1)");
        assertEquals(0.0079, after(start, 20, 64).threshold(), 1e-3);
        assertEquals(99, after(start, 21, 99).seed());
        assertEquals(1.0, after(start, 22, 64).noiseScale(), 1e-9);
        assertEquals(1.0, after(start, 23, 127).mix().humanize(), 1e-9);
        assertEquals(0.0, after(start, 24, 0).density(), 1e-9);
        assertEquals(1.0, after(start, 24, 127).density(), 1e-9);
        assertEquals("Seed 99 (CC 21 = 99)", ControlChanges.apply(start, PRESET_MIX, 21, 99).description());
    }

    @Test
    void partControllersMuteSoloMoveAndVoiceOnePartEach() {
        GenerationSettings settings = GenerationSettings.defaults();
        settings = after(settings, 103, 127); // mute part 2
        settings = after(settings, 108, 100); // solo part 3
        settings = after(settings, 110, 0); // part 1 two octaves down
        settings = after(settings, 113, 96); // part 4 one octave up
        settings = after(settings, 117, 0); // part 4 velocity: at least 1
        Mix mix = settings.mix();
        assertTrue(mix.parts().get(1).muted());
        assertTrue(mix.parts().get(2).solo());
        assertEquals(-2, mix.parts().get(0).octave());
        assertEquals(1, mix.parts().get(3).octave());
        assertEquals(1, mix.parts().get(3).velocity());
        assertFalse(mix.audible(0), "part 3 is soloed");
        assertTrue(mix.audible(2));

        settings = after(settings, 103, 0);
        assertFalse(settings.mix().parts().get(1).muted(), "below 64 unmutes");
    }

    @Test
    void otherControllersAreNotOurs() {
        for (int controller : new int[] {0, 1, 7, 19, 25, 64, 101, 118, 123}) {
            assertNull(ControlChanges.apply(GenerationSettings.defaults(), PRESET_MIX, controller, 64),
                    "CC " + controller);
        }
    }
}
