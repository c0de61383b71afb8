package dev.continuo.engine.generate;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.preset.PartControls;
import dev.continuo.engine.preset.PartSpec;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * How the four generated parts are played: each part's {@link PartControls} and a humanize amount. Applied after
 * generation, so changing it never changes which notes the model chose.
 *
 * <p>Humanizing varies each note's velocity by up to ±{@value #HUMANIZE_VELOCITY} × amount, drawn from the note's
 * part, position and pitch and the noise seed: the same settings always give the same velocities. Timing stays on
 * the grid (the parts are on a sixteenth-note grid, which a DAW records as played).
 *
 * @param parts    one entry per generated part
 * @param humanize 0 (every note at its part's velocity) to 1
 */
public record Mix(List<PartControls> parts, double humanize) {

    static final int HUMANIZE_VELOCITY = 24;

    public Mix {
        if (parts == null || parts.size() != Architecture.TRACKS) {
            throw new IllegalArgumentException("a mix needs controls for " + Architecture.TRACKS + " parts");
        }
        if (!(humanize >= 0 && humanize <= 1)) {
            throw new IllegalArgumentException("humanize out of range 0..1: " + humanize);
        }
        parts = List.copyOf(parts);
    }

    /** The preset's default mix. */
    public static Mix of(PresetManifest manifest) {
        return new Mix(manifest.parts().stream().map(PartSpec::controls).toList(), manifest.decoding().humanize());
    }

    /** This mix with part {@code index} (0-based) changed. */
    public Mix withPart(int index, PartControls controls) {
        List<PartControls> changed = new ArrayList<>(parts);
        changed.set(index, controls);
        return new Mix(changed, humanize);
    }

    public Mix withHumanize(double amount) {
        return new Mix(parts, amount);
    }

    /** Whether part {@code index} sounds: not muted, and soloed if any part is. */
    public boolean audible(int index) {
        boolean anySolo = parts.stream().anyMatch(PartControls::solo);
        PartControls controls = parts.get(index);
        return !controls.muted() && (!anySolo || controls.solo());
    }

    /** The parts as this mix plays them: silent parts stay as empty parts; {@code seed} drives humanizing. */
    public List<Part> apply(List<Part> generated, long seed) {
        List<Part> mixed = new ArrayList<>();
        for (int index = 0; index < generated.size(); index++) {
            Part source = generated.get(index);
            Part part = new Part(source.name(), source.channel(), source.program(), source.sourceTrack(),
                    source.steps());
            PartControls controls = parts.get(index);
            if (audible(index)) {
                for (Note note : source.notes()) {
                    int pitch = note.pitch() + 12 * controls.octave();
                    if (pitch >= 0 && pitch <= 127) {
                        part.addNote(new Note(pitch, note.startStep(), note.lengthSteps(),
                                velocity(controls.velocity(), seed, index, note)));
                    }
                }
            }
            mixed.add(part);
        }
        return mixed;
    }

    private int velocity(int base, long seed, int part, Note note) {
        if (humanize == 0) {
            return base;
        }
        long hash = mix64(seed * 0x9E3779B97F4A7C15L + part * 1_000_003L + note.startStep() * 131L + note.pitch());
        double unit = (hash >>> 11) * 0x1.0p-53 * 2 - 1;
        return (int) Math.max(1, Math.min(127, Math.round(base + unit * humanize * HUMANIZE_VELOCITY)));
    }

    /** A strong 64-bit bit mixer (the finalizer of SplitMix64). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
