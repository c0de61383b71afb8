package dev.continuo.engine.evaluation;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.metrics.ChordAgreement;
import dev.continuo.engine.metrics.Key;
import dev.continuo.engine.metrics.KeyEstimator;
import dev.continuo.engine.metrics.Metrics;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accompanies every melody of a data set with a preset and with the baselines, and compares each system's
 * figures with the real accompaniment's (for the chorales: Bach's alto, tenor and bass).
 *
 * <p>Figures per piece, then averaged: empty bar rate, in-scale rate (key estimated from the melody), beat
 * consonance, pitches used, qualified-note and polyphony rates, chord agreement with the real parts, the share of
 * melody beats on which at least three parts sound, the number of parts that are not octave copies of the melody,
 * and a combined distance to the real accompaniment's figures (see {@link #distance}).
 */
public final class DatasetEvaluation {

    public static final String EMPTY_BARS = "empty_bar_rate";
    public static final String IN_SCALE = "in_scale";
    public static final String CONSONANCE = "beat_consonance";
    public static final String PITCHES = "pitches_used";
    public static final String QUALIFIED = "qualified_note_rate";
    public static final String POLYPHONY = "polyphony_rate";
    public static final String AGREEMENT = "chord_agreement";
    public static final String THREE_PARTS = "beats_with_3_parts";
    public static final String OWN_PARTS = "parts_not_melody_copies";
    public static final String DISTANCE = "distance_to_reference";

    /** A part copies the melody when at least this share of its sounding steps has the melody's pitch class. */
    static final double COPY_SHARE = 0.8;

    private final KeyEstimator keys = new KeyEstimator();
    private final Baselines baselines = new Baselines();

    /**
     * @param examples      melodies with their real parts
     * @param referenceFrom index of the first real part that counts as the reference accompaniment (1 for the
     *                      SATB chorales, whose soprano is the melody: alto, tenor and bass)
     * @param accompanist the preset to evaluate, or null for the baselines alone
     * @param settings    generation settings for the preset
     */
    public List<SystemScores> evaluate(List<Example> examples, int referenceFrom, Accompanist accompanist,
            GenerationSettings settings) {
        Map<String, SystemScores.Accumulator> systems = new LinkedHashMap<>();
        for (String name : systemNames(accompanist)) {
            systems.put(name, new SystemScores.Accumulator(name));
        }
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            Part melody = example.melody();
            int[] pulses = Baselines.pulses(melody.steps());
            List<Part> reference = example.parts().subList(Math.min(referenceFrom, example.parts().size()),
                    example.parts().size());
            Map<String, List<Part>> accompaniments = new LinkedHashMap<>();
            accompaniments.put("reference", reference);
            if (accompanist != null) {
                accompaniments.put("preset", accompanist.generate(melody, settings));
            }
            accompaniments.put("octave-down", baselines.octaveDown(melody));
            accompaniments.put("random-in-key", baselines.randomInKey(melody, pulses, i));
            accompaniments.put("triad-rule", baselines.triadRule(melody, pulses));
            Key key = keys.estimate(melody);
            accompaniments.forEach((name, parts) -> systems.get(name).add(measure(melody, parts, reference, key,
                    pulses)));
        }
        List<SystemScores> scores = new ArrayList<>();
        systems.values().forEach(s -> scores.add(s.scores()));
        SystemScores reference = scores.get(0);
        List<SystemScores> withDistance = new ArrayList<>();
        for (SystemScores system : scores) {
            Map<String, Double> values = new LinkedHashMap<>(system.values());
            values.put(DISTANCE, distance(system, reference));
            withDistance.add(new SystemScores(system.system(), values));
        }
        return withDistance;
    }

    private static List<String> systemNames(Accompanist accompanist) {
        List<String> names = new ArrayList<>(List.of("reference"));
        if (accompanist != null) {
            names.add("preset");
        }
        names.addAll(List.of("octave-down", "random-in-key", "triad-rule"));
        return names;
    }

    private static Map<String, Double> measure(Part melody, List<Part> parts, List<Part> reference, Key key,
            int[] pulses) {
        int[] bars = barStarts(melody.steps());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(EMPTY_BARS, Metrics.emptyBarRate(parts, bars, melody.steps()));
        values.put(IN_SCALE, Metrics.inScaleRate(parts, key));
        values.put(CONSONANCE, Metrics.beatConsonance(parts, melody, pulses));
        values.put(PITCHES, (double) Metrics.pitchesUsed(parts));
        values.put(QUALIFIED, Metrics.qualifiedNoteRate(parts));
        values.put(POLYPHONY, Metrics.polyphonyRate(parts));
        values.put(AGREEMENT, ChordAgreement.of(parts, reference, pulses));
        values.put(THREE_PARTS, beatsWithThreeParts(melody, parts, pulses));
        values.put(OWN_PARTS, (double) parts.stream().filter(p -> !copiesMelody(p, melody)).count());
        return values;
    }

    private static int[] barStarts(int steps) {
        int[] bars = new int[(steps + 15) / 16];
        for (int i = 0; i < bars.length; i++) {
            bars[i] = 16 * i;
        }
        return bars;
    }

    /** Share of pulses where the melody sounds on which at least three parts sound too. */
    static double beatsWithThreeParts(Part melody, List<Part> parts, int[] pulses) {
        int beats = 0;
        int full = 0;
        for (int step : pulses) {
            if (melody.highestSounding(step) < 0) {
                continue;
            }
            beats++;
            int sounding = 0;
            for (Part part : parts) {
                if (part.highestSounding(step) >= 0) {
                    sounding++;
                }
            }
            if (sounding >= 3) {
                full++;
            }
        }
        return beats == 0 ? Double.NaN : (double) full / beats;
    }

    /** True if the part is silent or mostly plays the melody's pitch class (unison or octaves). */
    static boolean copiesMelody(Part part, Part melody) {
        int sounding = 0;
        int same = 0;
        for (int step = 0; step < part.steps(); step++) {
            int pitch = part.highestSounding(step);
            if (pitch < 0) {
                continue;
            }
            sounding++;
            int melodyPitch = melody.highestSounding(step);
            if (melodyPitch >= 0 && (melodyPitch - pitch) % 12 == 0) {
                same++;
            }
        }
        return sounding == 0 || same >= COPY_SHARE * sounding;
    }

    /**
     * The combined distance of a system's figures to the reference's: the mean of |Δ| over the empty-bar,
     * in-scale, consonance, qualified-note and polyphony rates, and of |Δ| / reference for pitches used.
     */
    static double distance(SystemScores system, SystemScores reference) {
        double sum = 0;
        int count = 0;
        for (String rate : List.of(EMPTY_BARS, IN_SCALE, CONSONANCE, QUALIFIED, POLYPHONY)) {
            sum += Math.abs(system.values().get(rate) - reference.values().get(rate));
            count++;
        }
        double referencePitches = reference.values().get(PITCHES);
        sum += Math.abs(system.values().get(PITCHES) - referencePitches) / referencePitches;
        return sum / (count + 1);
    }
}
