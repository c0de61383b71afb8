package dev.continuo.engine.data;

/**
 * How {@link WindowSampler} varies the training windows.
 *
 * @param keyNormalized move every piece to C major or A minor by its melody's estimated key, as generation moves a
 *                      user's melody (see {@code Key#shiftToC}), instead of to a random key within ±6 semitones
 * @param tempoShare    share of windows played at another speed: half of them at half speed (every duration
 *                      doubled), half at double speed (halved), so slow and fast melodies look like the data; 0–1
 */
public record SamplingOptions(boolean keyNormalized, double tempoShare) {

    /** Random keys, original speed: how presets were trained before onsets. */
    public static final SamplingOptions RANDOM_KEYS = new SamplingOptions(false, 0);

    public SamplingOptions {
        if (!(tempoShare >= 0 && tempoShare <= 1)) {
            throw new IllegalArgumentException("tempo share out of range 0..1: " + tempoShare);
        }
    }
}
