package dev.continuo.engine.evaluation;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.metrics.ChordAgreement;
import dev.continuo.engine.metrics.Key;
import dev.continuo.engine.metrics.KeyEstimator;
import dev.continuo.engine.metrics.Metrics;
import dev.continuo.engine.metrics.SimilarityIndex;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accompanies every melody of a data set with one or more presets and with the baselines, and compares each system's
 * figures with the real accompaniment's where there is one (for the chorales: Bach's alto, tenor and bass).
 *
 * <p>Figures per piece, then averaged: empty bar rate, in-scale rate (key estimated from the melody), beat
 * consonance, pitches used, qualified-note and polyphony rates, chord agreement with the real parts, the share of
 * melody beats on which at least three parts sound, the number of parts that are not octave copies of the melody,
 * the share of the melody's bars with a new accompaniment note, chord changes per bar, the share of pieces that pass
 * the sanity checks (see {@link #passesSanityChecks}), a combined distance to the real accompaniment's figures
 * (see {@link #distance}), and, over the whole set, the {@link SimilarityIndex} of each system's accompaniments to
 * the real ones.
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
    public static final String NEW_NOTE_BARS = "bars_with_new_note";
    public static final String CHORD_CHANGES = "chord_changes_per_bar";
    public static final String SANITY = "passes_sanity_checks";
    public static final String DISTANCE = "distance_to_reference";
    public static final String SIMILARITY = "similarity_index";

    /** The system whose figures are the real accompaniment's. */
    public static final String REFERENCE = "reference";

    /** A part copies the melody when at least this share of its sounding steps has the melody's pitch class. */
    static final double COPY_SHARE = 0.8;
    /** Sanity checks: in key, consonant on the beats, a new note in (nearly) every bar, enough pitches. */
    static final double SANE_IN_SCALE = 0.85;
    static final double SANE_CONSONANCE = 0.7;
    static final double SANE_NEW_NOTE_BARS = 0.85;
    static final int SANE_PITCHES = 10;

    private final KeyEstimator keys = new KeyEstimator();
    private final Baselines baselines = new Baselines();
    private final SimilarityIndex similarity = new SimilarityIndex();

    /**
     * @param examples      melodies with their real parts (4/4)
     * @param referenceFrom index of the first real part that counts as the reference accompaniment (1 for the
     *                      SATB chorales, whose soprano is the melody: alto, tenor and bass)
     * @param accompanist the preset to evaluate, or null for the baselines alone
     * @param settings    generation settings for the preset
     */
    public List<SystemScores> evaluate(List<Example> examples, int referenceFrom, Accompanist accompanist,
            GenerationSettings settings) {
        List<EvaluationPiece> pieces = examples.stream().map(e -> new EvaluationPiece(e.name(), e.melody(),
                e.parts().subList(Math.min(referenceFrom, e.parts().size()), e.parts().size()), Meter.FOUR_FOUR))
                .toList();
        return evaluate(pieces, accompanist == null ? Map.of() : Map.of("preset", (melody, bars) ->
                accompanist.generate(melody, bars, settings)));
    }

    /**
     * Every piece accompanied by each of the named systems, then by the baselines; the first column is the real
     * accompaniment's when the pieces have one.
     *
     * @param systems name → the parts a system plays for a melody, in column order
     */
    public List<SystemScores> evaluate(List<EvaluationPiece> pieces, Map<String, AccompanimentSystem> systems) {
        boolean withReference = !pieces.isEmpty() && pieces.stream().allMatch(EvaluationPiece::hasReference);
        Map<String, SystemScores.Accumulator> accumulators = new LinkedHashMap<>();
        Map<String, List<SimilarityIndex.Sample>> samples = new LinkedHashMap<>();
        for (int i = 0; i < pieces.size(); i++) {
            EvaluationPiece piece = pieces.get(i);
            Part melody = piece.melody();
            int[] pulses = piece.pulseStarts();
            int[] bars = piece.barStarts();
            Map<String, List<Part>> accompaniments = new LinkedHashMap<>();
            if (withReference) {
                accompaniments.put(REFERENCE, piece.reference());
            }
            systems.forEach((name, system) -> accompaniments.put(name, system.accompany(melody, bars)));
            accompaniments.put("octave-down", baselines.octaveDown(melody));
            accompaniments.put("random-in-key", baselines.randomInKey(melody, pulses, i));
            accompaniments.put("triad-rule", baselines.triadRule(melody, pulses));
            Key key = keys.estimate(melody);
            accompaniments.forEach((name, parts) -> {
                accumulators.computeIfAbsent(name, SystemScores.Accumulator::new)
                        .add(measure(piece, parts, key, pulses, bars, withReference));
                samples.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(new SimilarityIndex.Sample(parts, bars, pulses, melody.steps()));
            });
        }
        List<SystemScores> scores = new ArrayList<>();
        accumulators.values().forEach(s -> scores.add(s.scores()));
        if (!withReference) {
            return scores;
        }
        SystemScores reference = scores.get(0);
        List<SystemScores> withDistance = new ArrayList<>();
        for (SystemScores system : scores) {
            Map<String, Double> values = new LinkedHashMap<>(system.values());
            values.put(DISTANCE, distance(system, reference));
            values.put(SIMILARITY, similarity.compare(samples.get(system.system()), samples.get(REFERENCE)).value());
            withDistance.add(new SystemScores(system.system(), values));
        }
        return withDistance;
    }

    private static Map<String, Double> measure(EvaluationPiece piece, List<Part> parts, Key key, int[] pulses,
            int[] bars, boolean withReference) {
        Part melody = piece.melody();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(EMPTY_BARS, Metrics.emptyBarRate(parts, bars, melody.steps()));
        values.put(IN_SCALE, Metrics.inScaleRate(parts, key));
        values.put(CONSONANCE, Metrics.beatConsonance(parts, melody, pulses));
        values.put(PITCHES, (double) Metrics.pitchesUsed(parts));
        values.put(QUALIFIED, Metrics.qualifiedNoteRate(parts));
        values.put(POLYPHONY, Metrics.polyphonyRate(parts));
        if (withReference) {
            values.put(AGREEMENT, ChordAgreement.of(parts, piece.reference(), pulses));
        }
        values.put(THREE_PARTS, beatsWithThreeParts(melody, parts, pulses));
        values.put(OWN_PARTS, (double) parts.stream().filter(p -> !copiesMelody(p, melody)).count());
        values.put(NEW_NOTE_BARS, Metrics.barsWithNewNote(parts, melody, bars, melody.steps()));
        values.put(CHORD_CHANGES, Metrics.chordChangesPerBar(parts, pulses, bars, melody.steps()));
        values.put(SANITY, passesSanityChecks(values) ? 1.0 : 0.0);
        return values;
    }

    /**
     * The checks a listener makes first: in key (in-scale rate ≥ {@value #SANE_IN_SCALE}), consonant on the beats
     * (≥ {@value #SANE_CONSONANCE}), a new note in at least {@value #SANE_NEW_NOTE_BARS} of the melody's bars, and
     * at least {@value #SANE_PITCHES} pitches.
     */
    static boolean passesSanityChecks(Map<String, Double> values) {
        return values.get(IN_SCALE) >= SANE_IN_SCALE && values.get(CONSONANCE) >= SANE_CONSONANCE
                && values.get(NEW_NOTE_BARS) >= SANE_NEW_NOTE_BARS && values.get(PITCHES) >= SANE_PITCHES;
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
