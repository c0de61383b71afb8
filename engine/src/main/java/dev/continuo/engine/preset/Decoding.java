package dev.continuo.engine.preset;

import dev.continuo.engine.model.Architecture;
import java.util.Collections;
import java.util.List;

/**
 * How a preset turns the generator's output into notes.
 *
 * @param threshold     a cell sounds where the generator's tanh output exceeds this (−1..1; 0 = probability ½)
 * @param monophonic    each part plays at most one note at a time: its most confident pitch above the threshold
 * @param melodyCenter  the melody is transposed so that its median pitch lies near this MIDI pitch before
 *                      generating, and the parts are transposed back (the model was trained around it)
 * @param minNoteSteps  notes shorter than this many steps are merged into the note before them; 0 or 1 keeps all
 * @param ensemble      also generate from the melody transposed by ±1 … ±{@code ensemble} semitones and average the
 *                      outputs transposed back (one batch): steadier harmony for a little more time; 0 = off
 * @param humanize      default humanize amount, 0–1 (see {@code Mix})
 * @param keyNormalized the model was trained in C major / A minor: the melody is moved there by its estimated key
 *                      (and by octaves towards {@code melodyCenter}) instead of by register alone
 * @param density       default note density for models with onset planes, 0 (sparse) … 1 (busy); see
 *                      {@link #onsetRate}; absent: {@value #DEFAULT_DENSITY}
 * @param onsetRates    for models with onset planes, the share of steps on which each part of the training data
 *                      starts a note (absent: {@value #DEFAULT_ONSET_RATE} each)
 * @param changeSteps   for models with onset planes, a monophonic part plays a new pitch only where it holds at least
 *                      this many steps (absent or 0: {@code minNoteSteps}); see {@link #changeSteps(double)}
 * @param melodyNoteSteps the training melodies' median note length in steps, or 0: a melody whose median note is
 *                      twice as long or more (or half as long or less) is given to the model at the data's speed and
 *                      the parts are brought back to the melody's (see {@link #tempoExponent})
 * @param chordWeight   how strongly a monophonic preset's parts choose their pitches together by {@code beatChords}
 *                      (the model's log probability plus this times the chords'); 0 or absent: each part alone
 * @param beatChords    the training data's parts' pitch classes on the beat given the melody's (absent: none)
 * @param progression   the training data's chords from beat to beat: a monophonic preset's parts follow the chord
 *                      path it finds for the melody (absent: none)
 */
public record Decoding(double threshold, boolean monophonic, int melodyCenter, int minNoteSteps, int ensemble,
        double humanize, boolean keyNormalized, Double density, List<Double> onsetRates, int changeSteps,
        int melodyNoteSteps, double chordWeight, List<BeatChord> beatChords, ChordProgression progression) {

    /** This decoding with the parts' pitches chosen together by these chords at this weight. */
    public Decoding withChords(double weight, List<BeatChord> chords) {
        return new Decoding(threshold, monophonic, melodyCenter, minNoteSteps, ensemble, humanize, keyNormalized,
                density, onsetRates, changeSteps, melodyNoteSteps, weight, chords, progression);
    }

    /** This decoding with the parts following the chord paths of this progression (null: none). */
    public Decoding withProgression(ChordProgression value) {
        return new Decoding(threshold, monophonic, melodyCenter, minNoteSteps, ensemble, humanize, keyNormalized,
                density, onsetRates, changeSteps, melodyNoteSteps, chordWeight, beatChords, value);
    }

    /** Whether the parts choose their pitches together (see {@code chordWeight}). */
    public boolean voicesChords() {
        return monophonic && chordWeight > 0 && !beatChords.isEmpty();
    }

    /** Whether the parts follow a chord path (see {@code progression}). */
    public boolean followsProgression() {
        return monophonic && progression != null && progression.voicingWeight() > 0;
    }

    /** The density at which the parts start notes as often as the training data's. */
    public static final double DEFAULT_DENSITY = 0.5;
    /** Onset rate assumed for a part when the preset does not say: a note every beat. */
    public static final double DEFAULT_ONSET_RATE = 0.25;
    /** How much busier than the data's the parts strike at density 1. */
    private static final double BUSY_FACTOR = 4;
    /** Steps in a bar of 4/4 sixteenths: density 0 strikes and changes pitch about once a bar. */
    private static final int BAR_STEPS = 16;
    private static final int MAX_TEMPO_OCTAVES = 2;
    /** The largest chord weight accepted. */
    public static final double MAX_CHORD_WEIGHT = 10;
    /** The most beat chords a manifest may hold (every pair of sets seen in a large corpus fits many times over). */
    public static final int MAX_BEAT_CHORDS = 1 << 16;

    /** Decoding without humanizing, by register, at the default density. */
    public Decoding(double threshold, boolean monophonic, int melodyCenter, int minNoteSteps, int ensemble) {
        this(threshold, monophonic, melodyCenter, minNoteSteps, ensemble, 0, false, DEFAULT_DENSITY, null, 0, 0, 0,
                null, null);
    }

    public Decoding {
        if (density == null) {
            density = DEFAULT_DENSITY;
        }
        beatChords = beatChords == null ? List.of() : List.copyOf(beatChords);
        if (beatChords.size() > MAX_BEAT_CHORDS) {
            throw new IllegalArgumentException("more than " + MAX_BEAT_CHORDS + " beat chords: " + beatChords.size());
        }
        if (!(chordWeight >= 0 && chordWeight <= MAX_CHORD_WEIGHT)) {
            throw new IllegalArgumentException("chord weight out of range 0.." + (int) MAX_CHORD_WEIGHT + ": "
                    + chordWeight);
        }
        if (melodyNoteSteps < 0) {
            throw new IllegalArgumentException("median melody note length cannot be negative: " + melodyNoteSteps);
        }
        if (changeSteps < 0) {
            throw new IllegalArgumentException("change length cannot be negative: " + changeSteps);
        }
        if (onsetRates == null || onsetRates.isEmpty()) {
            onsetRates = Collections.nCopies(Architecture.TRACKS, DEFAULT_ONSET_RATE);
        }
        onsetRates = List.copyOf(onsetRates);
        if (onsetRates.size() != Architecture.TRACKS || onsetRates.stream().anyMatch(r -> !(r > 0 && r <= 1))) {
            throw new IllegalArgumentException("onset rates must be one share per part of steps in (0, 1]: " + onsetRates);
        }
        if (!(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException("density out of range 0..1: " + density);
        }
        if (!(humanize >= 0 && humanize <= 1)) {
            throw new IllegalArgumentException("humanize out of range 0..1: " + humanize);
        }
        if (!(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must lie strictly between -1 and 1: " + threshold);
        }
        if (ensemble < 0 || ensemble > 6) {
            throw new IllegalArgumentException("transposition ensemble out of range 0..6: " + ensemble);
        }
        if (minNoteSteps < 0) {
            throw new IllegalArgumentException("minimum note length cannot be negative: " + minNoteSteps);
        }
        if (melodyCenter < 0 || melodyCenter > 127) {
            throw new IllegalArgumentException("melody centre out of MIDI range: " + melodyCenter);
        }
    }

    /**
     * The share of its sounding steps on which a part starts a note, at a density 0–1: the data's rate at ½, up to
     * four times it at 1 (at most every step), and down to one note a bar of 4/4 at 0 (or the data's rate, if
     * sparser), geometrically in between. Decoding keeps the model's strongest onsets up to that share, so the model
     * decides where the notes fall and the density how many there are.
     */
    public double onsetRate(int part, double density) {
        double data = onsetRates.get(part);
        if (density >= DEFAULT_DENSITY) {
            return Math.min(1, data * Math.pow(BUSY_FACTOR, 2 * density - 1));
        }
        double sparse = Math.min(data, 1.0 / BAR_STEPS);
        return sparse * Math.pow(data / sparse, 2 * density);
    }

    /**
     * With onsets, how many steps a monophonic part's new pitch must hold to be played, at a density 0–1: the
     * preset's {@code changeSteps} (else {@code minNoteSteps}) from density ½ up, growing geometrically to a bar of
     * 4/4 at 0, so that sparse parts change chord at most once a bar as well as striking less often.
     */
    public int changeSteps(double density) {
        int steps = Math.max(1, changeSteps > 0 ? changeSteps : minNoteSteps);
        if (density >= DEFAULT_DENSITY) {
            return steps;
        }
        int sparse = Math.max(steps, BAR_STEPS);
        return (int) Math.round(sparse * Math.pow((double) steps / sparse, 2 * density));
    }

    /**
     * How many octaves of speed to move a melody whose median note lasts {@code medianSteps} by before the model
     * hears it: the whole octaves between the data's median and the melody's, towards zero, −2…2 (−1: the melody's
     * notes are twice as long as the data's or more, so it is played twice as fast; +1: half as long or less, played
     * at half speed); 0 when the preset does not record the data's median.
     */
    public int tempoExponent(double medianSteps) {
        if (melodyNoteSteps == 0 || !(medianSteps > 0)) {
            return 0;
        }
        double octaves = Math.log(melodyNoteSteps / medianSteps) / Math.log(2);
        int exponent = (int) (Math.signum(octaves) * Math.floor(Math.abs(octaves) + 1e-9));
        return Math.max(-MAX_TEMPO_OCTAVES, Math.min(MAX_TEMPO_OCTAVES, exponent));
    }
}
