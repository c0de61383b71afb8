package dev.continuo.engine.preset;

/**
 * How a preset turns the generator's output into notes.
 *
 * @param threshold    a cell sounds where the generator's tanh output exceeds this (−1..1; 0 = probability ½)
 * @param monophonic   each part plays at most one note at a time: its most confident pitch above the threshold
 * @param melodyCenter the melody is transposed so that its median pitch lies near this MIDI pitch before
 *                     generating, and the parts are transposed back (the model was trained around it)
 * @param minNoteSteps in monophonic parts, notes and rests shorter than this many steps are merged into the note
 *                     before them (or after, at the start), removing the model's one-step flickers; 0 or 1 keeps all
 * @param ensemble     also generate from the melody transposed by ±1 … ±{@code ensemble} semitones and average the
 *                     outputs transposed back (one batch): steadier harmony for a little more time; 0 = off
 * @param humanize     default humanize amount, 0–1 (see {@code Mix})
 */
public record Decoding(double threshold, boolean monophonic, int melodyCenter, int minNoteSteps, int ensemble,
        double humanize) {

    /** Decoding without humanizing. */
    public Decoding(double threshold, boolean monophonic, int melodyCenter, int minNoteSteps, int ensemble) {
        this(threshold, monophonic, melodyCenter, minNoteSteps, ensemble, 0);
    }

    public Decoding {
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
}
