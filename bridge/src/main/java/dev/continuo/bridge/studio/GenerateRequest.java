package dev.continuo.bridge.studio;

import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.preset.PartControls;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import java.util.List;

/**
 * What the studio page sends to generate: the melody on a sixteenth-note grid and the settings of
 * {@code continuo generate} (preset, seed, density, noise scale, the mix per part, variations).
 *
 * @param preset      preset name
 * @param seed        noise seed of the first variation; variation k uses seed + k
 * @param density     0..1, or null for the preset's
 * @param noiseScale  0 (none) .. 1 (as trained) and above
 * @param variations  how many results, 1..{@value #MAX_VARIATIONS}
 * @param bpm         tempo in quarter notes per minute
 * @param beatsPerBar quarter notes per bar (the meter is beatsPerBar/4)
 * @param steps       length of the melody in sixteenths
 * @param notes       the melody
 * @param parts       one mix entry per generated part, or null for the preset's mix
 */
public record GenerateRequest(String preset, long seed, Double density, double noiseScale, int variations,
        double bpm, int beatsPerBar, int steps, List<MelodyNote> notes, List<PartMix> parts) {

    static final int MAX_VARIATIONS = 8;
    /** 64 bars of 4/4: far more than a phrase typed on the page. */
    static final int MAX_STEPS = 64 * 16;

    /** One melody note: MIDI pitch, first sixteenth, length in sixteenths, velocity 1-127. */
    public record MelodyNote(int pitch, int start, int length, int velocity) {
    }

    /** One part's mix, as the page's mute/solo/octave/velocity controls set it. */
    public record PartMix(boolean muted, boolean solo, int octave, int velocity) {
    }

    /**
     * The melody as a one-part roll on the sixteenth grid, with the tempo and meter.
     *
     * @throws IllegalArgumentException with a one-line reason if the melody cannot be used
     */
    PianoRoll melodyRoll() {
        if (notes == null || notes.isEmpty()) {
            throw new IllegalArgumentException("the melody is empty: play or open one first");
        }
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("the melody must be 1-" + MAX_STEPS + " sixteenths long, not " + steps);
        }
        if (!(bpm >= 20 && bpm <= 300)) {
            throw new IllegalArgumentException("tempo out of range 20-300 bpm: " + bpm);
        }
        Part melody = new Part("Melody", 0, 0, -1, steps);
        for (MelodyNote note : notes) {
            if (note.start() < 0 || note.start() >= steps) {
                throw new IllegalArgumentException("a note starts at sixteenth " + note.start() + ", outside 0-"
                        + (steps - 1));
            }
            melody.addNote(new Note(note.pitch(), note.start(), note.length(), note.velocity()));
        }
        return new PianoRoll(PianoRoll.DEFAULT_STEPS_PER_BEAT, steps, List.of(melody),
                List.of(new TempoChange(0, (int) Math.round(60_000_000 / bpm))),
                List.of(new MeterChange(0, new Meter(beatsPerBar, 4))));
    }

    /**
     * The generation settings of the first variation, with the mix resolved against the preset's parts.
     *
     * @throws IllegalArgumentException with a one-line reason if a setting is out of range
     */
    GenerationSettings settings(PresetManifest manifest) {
        if (variations < 1 || variations > MAX_VARIATIONS) {
            throw new IllegalArgumentException("variations take 1-" + MAX_VARIATIONS + ", not " + variations);
        }
        GenerationSettings settings = new GenerationSettings(seed, Double.NaN, noiseScale, -1)
                .withDensity(density == null ? Double.NaN : density);
        if (parts == null) {
            return settings;
        }
        if (parts.size() != Architecture.TRACKS) {
            throw new IllegalArgumentException("the mix needs " + Architecture.TRACKS + " parts, not " + parts.size());
        }
        Mix mix = Mix.of(manifest);
        for (int index = 0; index < parts.size(); index++) {
            PartMix part = parts.get(index);
            mix = mix.withPart(index, new PartControls(part.muted(), part.solo(), part.octave(), part.velocity()));
        }
        return settings.withMix(mix);
    }
}
