package dev.continuo.engine.preset;

import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.generate.ChordPrior;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a newly trained preset is given besides its weights: its decoding defaults and its parts, from its data. */
public final class PresetPolicy {

    /** Church organ, the chorales' default program (0-based General MIDI). */
    private static final int ORGAN = 19;
    /** Acoustic grand piano, the default program for a MIDI folder (0-based General MIDI). */
    private static final int PIANO = 0;
    /** MIDI channel of the first part; the others follow it. */
    private static final int FIRST_CHANNEL = 2;
    /** Decoding defaults for new presets, as chosen for the chorale preset on the JSB valid split. */
    private static final double THRESHOLD = -0.9;
    private static final int ENSEMBLE = 1;
    /** How strongly new presets' parts choose their pitches together, as measured best for the chorale preset. */
    public static final double CHORD_WEIGHT = 1.5;
    /** How strongly a preset's parts follow a chord path, as measured best for the folk preset. */
    public static final double PATH_WEIGHT = 30;

    private PresetPolicy() {
    }

    /**
     * Monophonic parts at the default threshold and density, centred on the data's melodies, with the data's onset
     * rates (the {@link Decoding#DEFAULT_ONSET_RATE} for a part that never sounds), melody note length and beat
     * chords (every part counted, as a new preset plays them all), chosen together at {@link #CHORD_WEIGHT}.
     *
     * @param keyNormalized the model was trained in one key; then there is no transposition ensemble, since moving
     *                      the melody by semitones would leave that key
     */
    public static Decoding decoding(TrainingData data, boolean keyNormalized) {
        List<Double> onsetRates = data.onsetRates(Architecture.TRACKS).stream()
                .map(rate -> rate > 0 ? rate : Decoding.DEFAULT_ONSET_RATE).toList();
        boolean[] everyPart = new boolean[Architecture.TRACKS];
        Arrays.fill(everyPart, true);
        return new Decoding(THRESHOLD, true, data.melodyMedian(), 1, keyNormalized ? 0 : ENSEMBLE, 0, keyNormalized,
                Decoding.DEFAULT_DENSITY, onsetRates, 0, data.melodyNoteMedian(), CHORD_WEIGHT,
                ChordPrior.learn(data.training(), everyPart, keyNormalized), null);
    }

    /**
     * The parts as the data names them, on MIDI channels 2–5.
     *
     * @param programs   General MIDI program numbers 1–128, one per part, or null for the default: church organ for
     *                   the chorales, piano for a MIDI folder
     * @param midiFolder the data is a folder of MIDI files rather than the chorales
     */
    public static List<PartSpec> parts(TrainingData data, List<Integer> programs, boolean midiFolder) {
        List<String> names = data.partNames(Architecture.TRACKS);
        List<PartSpec> parts = new ArrayList<>();
        for (int i = 0; i < Architecture.TRACKS; i++) {
            int program = programs != null ? programs.get(i) - 1 : midiFolder ? PIANO : ORGAN;
            parts.add(new PartSpec(names.get(i), program, FIRST_CHANNEL + i));
        }
        return parts;
    }
}
