package dev.continuo.bridge.serve;

import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.preset.PartControls;
import java.util.Locale;

/**
 * The controllers on {@code serve}'s control channel that turn generation settings live (all from the MIDI
 * specification's undefined ranges, so they clash with no standard controller):
 *
 * <pre>
 * CC 20  threshold (rests)         0 → −1 … 127 → +1
 * CC 21  noise seed                the value
 * CC 22  noise scale               value / 64 (64 = as trained)
 * CC 23  humanize                  value / 127
 * CC 24  density (onset presets)   value / 127 (64 ≈ as the training data)
 * CC 102–105  mute part 1–4        ≥ 64 muted
 * CC 106–109  solo part 1–4        ≥ 64 soloed
 * CC 110–113  octave of part 1–4   0 → −2, 32 → −1, 64 → 0, 96 → +1, 127 → +2
 * CC 114–117  velocity of part 1–4 the value (at least 1)
 * </pre>
 */
final class ControlChanges {

    static final int THRESHOLD = 20;
    static final int SEED = 21;
    static final int NOISE_SCALE = 22;
    static final int HUMANIZE = 23;
    static final int DENSITY = 24;
    static final int MUTE = 102;
    static final int SOLO = 106;
    static final int OCTAVE = 110;
    static final int VELOCITY = 114;

    /** New settings and a line for the log saying what changed. */
    record Change(GenerationSettings settings, String description) {
    }

    private ControlChanges() {
    }

    /**
     * The settings after controller {@code controller} was set to {@code value}, or null if it is not one of
     * these controllers.
     *
     * @param presetMix the preset's mix, used when {@code current} has none
     */
    static Change apply(GenerationSettings current, Mix presetMix, int controller, int value) {
        Mix mix = current.mix() != null ? current.mix() : presetMix;
        String cc = " (CC " + controller + " = " + value + ")";
        switch (controller) {
            case THRESHOLD -> {
                double threshold = Math.max(-0.99, Math.min(0.99, -1 + 2.0 * value / 127));
                return new Change(current.withThreshold(threshold),
                        String.format(Locale.ROOT, "Threshold %.2f%s", threshold, cc));
            }
            case SEED -> {
                return new Change(current.withSeed(value), "Seed " + value + cc);
            }
            case NOISE_SCALE -> {
                double scale = value / 64.0;
                return new Change(current.withNoiseScale(scale),
                        String.format(Locale.ROOT, "Noise scale %.2f%s", scale, cc));
            }
            case HUMANIZE -> {
                double amount = value / 127.0;
                return new Change(current.withMix(mix.withHumanize(amount)),
                        String.format(Locale.ROOT, "Humanize %.2f%s", amount, cc));
            }
            case DENSITY -> {
                double density = value / 127.0;
                return new Change(current.withDensity(density),
                        String.format(Locale.ROOT, "Density %.2f%s", density, cc));
            }
            default -> {
                return partChange(current, mix, controller, value, cc);
            }
        }
    }

    private static Change partChange(GenerationSettings current, Mix mix, int controller, int value, String cc) {
        if (controller < MUTE || controller >= VELOCITY + Architecture.TRACKS) {
            return null;
        }
        int part = (controller - MUTE) % Architecture.TRACKS;
        PartControls controls = mix.parts().get(part);
        String name = "Part " + (part + 1);
        PartControls changed;
        String what;
        if (controller < SOLO) {
            changed = controls.withMuted(value >= 64);
            what = changed.muted() ? " muted" : " unmuted";
        } else if (controller < OCTAVE) {
            changed = controls.withSolo(value >= 64);
            what = changed.solo() ? " soloed" : " not soloed";
        } else if (controller < VELOCITY) {
            int octave = (int) Math.max(-2, Math.min(2, Math.round((value - 64) / 32.0)));
            changed = controls.withOctave(octave);
            what = " octave " + (octave > 0 ? "+" : "") + octave;
        } else {
            changed = controls.withVelocity(Math.max(1, value));
            what = " velocity " + changed.velocity();
        }
        return new Change(current.withMix(mix.withPart(part, changed)), name + what + cc);
    }
}
