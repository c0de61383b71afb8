package dev.continuo.engine.preset;

/**
 * How one generated part is played, as on a mixing desk: muted, soloed, moved by octaves, at a velocity.
 *
 * @param muted    the part is silent (its track stays, empty)
 * @param solo     only soloed parts sound when any part is soloed
 * @param octave   octaves to move the part by, −3..3
 * @param velocity note velocity 1–127 (0 in a manifest means the default, {@value #DEFAULT_VELOCITY})
 */
public record PartControls(boolean muted, boolean solo, int octave, int velocity) {

    public static final int DEFAULT_VELOCITY = 80;
    public static final int MAX_OCTAVES = 3;

    /** Sounding, not soloed, in place, at the default velocity. */
    public static final PartControls DEFAULT = new PartControls(false, false, 0, DEFAULT_VELOCITY);

    public PartControls {
        if (velocity == 0) {
            velocity = DEFAULT_VELOCITY;
        }
        if (velocity < 1 || velocity > 127) {
            throw new IllegalArgumentException("velocity out of range 1..127: " + velocity);
        }
        if (Math.abs(octave) > MAX_OCTAVES) {
            throw new IllegalArgumentException("octave shift out of range -" + MAX_OCTAVES + ".." + MAX_OCTAVES
                    + ": " + octave);
        }
    }

    public PartControls withMuted(boolean value) {
        return new PartControls(value, solo, octave, velocity);
    }

    public PartControls withSolo(boolean value) {
        return new PartControls(muted, value, octave, velocity);
    }

    public PartControls withOctave(int value) {
        return new PartControls(muted, solo, value, velocity);
    }

    public PartControls withVelocity(int value) {
        return new PartControls(muted, solo, octave, value);
    }
}
