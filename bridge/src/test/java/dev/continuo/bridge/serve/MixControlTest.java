package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.preset.PartControls;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class MixControlTest {

    private static final Mix PRESET_MIX = new Mix(Collections.nCopies(4, PartControls.DEFAULT), 0);

    /** The part's controls after the mix command {@code words}, applied as its Control Change. */
    private static PartControls after(String words, int part) {
        MixControl control = MixControl.parse(words);
        return ControlChanges.apply(GenerationSettings.defaults(), PRESET_MIX, control.controller(), control.value())
                .settings().mix().parts().get(part - 1);
    }

    @Test
    void eachWordIsTheControlChangeThatDoesTheSame() {
        assertEquals(new MixControl(103, 127), MixControl.parse("2 mute on"));
        assertEquals(new MixControl(102, 0), MixControl.parse(" 1  MUTE off "));
        assertEquals(new MixControl(109, 127), MixControl.parse("4 solo on"));
        assertEquals(new MixControl(112, 0), MixControl.parse("3 octave -2"));
        assertEquals(new MixControl(112, 127), MixControl.parse("3 octave 2"));
        assertEquals(new MixControl(117, 1), MixControl.parse("4 velocity 1"));
    }

    @Test
    void theChangeLandsOnItsPartAsTheCommandSays() {
        assertEquals(PartControls.DEFAULT.withMuted(true), after("2 mute on", 2));
        assertEquals(PartControls.DEFAULT.withSolo(true), after("3 solo on", 3));
        for (int octave = -2; octave <= 2; octave++) {
            assertEquals(octave, after("1 octave " + octave, 1).octave());
        }
        assertEquals(100, after("4 velocity 100", 4).velocity());
    }

    @Test
    void badWordsAreRefusedInOneLine() {
        assertEquals(MixControl.USAGE, assertThrows(IllegalArgumentException.class,
                () -> MixControl.parse("2 mute")).getMessage());
        assertEquals(MixControl.USAGE, assertThrows(IllegalArgumentException.class,
                () -> MixControl.parse("2 pan 3")).getMessage());
        assertEquals(MixControl.USAGE, assertThrows(IllegalArgumentException.class,
                () -> MixControl.parse(null)).getMessage());
        assertEquals("PART takes 1..4, not \"5\"", assertThrows(IllegalArgumentException.class,
                () -> MixControl.parse("5 mute on")).getMessage());
        assertEquals("octave takes -2..2, not \"3\"", assertThrows(IllegalArgumentException.class,
                () -> MixControl.parse("1 octave 3")).getMessage());
        assertEquals("velocity takes 1..127, not \"0\"", assertThrows(IllegalArgumentException.class,
                () -> MixControl.parse("1 velocity 0")).getMessage());
        assertEquals("mute and solo take on or off, not \"yes?\"", assertThrows(IllegalArgumentException.class,
                () -> MixControl.parse("1 mute yes\u0007")).getMessage());
    }
}
