package dev.continuo.engine.midi;

/**
 * Which part of a roll was taken as the melody, and why, in words for the user.
 *
 * @param partIndex index into {@code PianoRoll.parts()}
 * @param reason    one sentence, e.g. "track 1 "Soprano" (channel 1): the highest mostly monophonic part"
 */
public record MelodySelection(int partIndex, String reason) {
}
