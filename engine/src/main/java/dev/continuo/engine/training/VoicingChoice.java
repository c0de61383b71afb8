package dev.continuo.engine.training;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.generate.ChordPath;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.metrics.ChordAgreement;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.preset.ChordProgression;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.preset.PresetPolicy;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a newly trained preset's parts choose their pitches, chosen by measurement: each part alone, together by the
 * data's beat chords, or following the chord path of the data's progressions — whichever agrees best with the real
 * parts of a slice of the training pieces (every {@value #EVERY}th, at most {@value #MOST}). Chorales, whose voices
 * move by passing notes, measured best by beat chords; folk tunes over block chords by the path.
 */
public final class VoicingChoice {

    private static final Logger LOG = LoggerFactory.getLogger(VoicingChoice.class);
    /** Names of the candidates, as {@link Result#agreements} and the preset's metrics (with "voicing_") give them. */
    public static final String ALONE = "alone";
    public static final String BEAT_CHORDS = "beat_chords";
    public static final String CHORD_PATH = "chord_path";

    private static final int EVERY = 10;
    private static final int MOST = 100;

    /**
     * What was chosen: the decoding, its candidate's name (null when there was no choice to make) and each
     * candidate's mean chord agreement on the slice, by name.
     */
    public record Result(Decoding decoding, String chosen, Map<String, Double> agreements) {

        /** The measurements as preset metrics: {@code voicing_NAME} → chord agreement. */
        public Map<String, Double> metrics() {
            Map<String, Double> metrics = new LinkedHashMap<>();
            agreements.forEach((name, value) -> metrics.put("voicing_" + name, Math.round(value * 1000) / 1000.0));
            return metrics;
        }
    }

    private VoicingChoice() {
    }

    /**
     * @param preset   the trained preset, whose decoding holds the data's beat chords (as {@link PresetPolicy}
     *                 gives it); a polyphonic or onset-less one is returned as it is
     * @param training the pieces it was trained on (melody and the real parts)
     * @param keyNormalized the model was trained in C major / A minor
     */
    public static Result choose(Preset preset, List<Example> training, boolean keyNormalized) {
        Decoding decoding = preset.manifest().decoding();
        List<Example> slice = new ArrayList<>();
        for (int i = EVERY / 2; i < training.size() && slice.size() < MOST; i += EVERY) {
            slice.add(training.get(i));
        }
        if (!decoding.monophonic() || slice.isEmpty()) {
            return new Result(decoding, null, Map.of());
        }
        Mix mix = Mix.of(preset.manifest());
        boolean[] audible = new boolean[Architecture.TRACKS];
        for (int part = 0; part < audible.length; part++) {
            audible[part] = mix.audible(part);
        }
        Map<String, Decoding> candidates = new LinkedHashMap<>();
        Decoding alone = decoding.withChords(0, List.of()).withProgression(null);
        candidates.put(ALONE, alone);
        if (decoding.voicesChords()) {
            candidates.put(BEAT_CHORDS, decoding.withProgression(null));
        }
        try {
            ChordProgression progression = ChordPath.learn(training, audible, keyNormalized,
                    ChordPath.DEFAULT_MODEL_WEIGHT, PresetPolicy.PATH_WEIGHT);
            candidates.put(CHORD_PATH, alone.withProgression(progression));
        } catch (IllegalArgumentException e) {
            LOG.debug("No chord path: {}", e.getMessage());
        }
        Map<String, Double> agreements = new LinkedHashMap<>();
        String best = null;
        for (Map.Entry<String, Decoding> candidate : candidates.entrySet()) {
            double agreement = agreement(with(preset, candidate.getValue()), slice);
            agreements.put(candidate.getKey(), agreement);
            if (best == null || agreement > agreements.get(best)) {
                best = candidate.getKey();
            }
        }
        LOG.info("The parts choose their pitches by {}: chord agreement {} on {} training pieces", best,
                agreements, slice.size());
        return new Result(candidates.get(best), best, agreements);
    }

    private static Preset with(Preset preset, Decoding decoding) {
        PresetManifest m = preset.manifest();
        return new Preset(new PresetManifest(m.name(), m.description(), m.architecture(), m.parts(), decoding,
                m.training(), m.metrics()), preset.weights());
    }

    /** Mean chord agreement, over pieces, of the preset's parts with the real ones. */
    private static double agreement(Preset preset, List<Example> slice) {
        Accompanist accompanist = new Accompanist(preset);
        Mix mix = Mix.of(preset.manifest());
        double sum = 0;
        int pieces = 0;
        for (Example example : slice) {
            List<Part> parts = accompanist.generate(example.melody(), GenerationSettings.defaults());
            List<Part> reference = new ArrayList<>();
            for (int part = 0; part < example.parts().size() && part < Architecture.TRACKS; part++) {
                if (mix.audible(part)) {
                    reference.add(example.parts().get(part));
                }
            }
            double agreement = ChordAgreement.of(parts, reference,
                    new PianoRoll(PianoRoll.DEFAULT_STEPS_PER_BEAT, example.steps(), List.of(), List.of(),
                            List.of()).pulseStarts());
            if (!Double.isNaN(agreement)) {
                sum += agreement;
                pieces++;
            }
        }
        return pieces == 0 ? 0 : sum / pieces;
    }
}
