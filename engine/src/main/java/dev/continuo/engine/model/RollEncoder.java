package dev.continuo.engine.model;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes rolls into the model's input tensors ({@link RollTensors}) for a batch of windows that start on a beat:
 * every cell starts silent (−1) and sounding cells are set to +1; the beat-phase channels, where the architecture has
 * them, are set from the start. Pitches are MIDI pitches; those outside the architecture's pitch window are left out.
 * Not thread-safe.
 */
public final class RollEncoder {

    private static final float SOUNDING = 1f;
    private static final float SILENT = -1f;

    private final Architecture architecture;
    private final RollTensors tensors;
    private final int batch;
    private final int steps;
    private final float[] melody;
    private final float[] tracks;

    /**
     * @param batch      windows in the batch
     * @param steps      steps per window
     * @param withTracks whether the batch also holds the tracks (training) or only melodies (generation)
     */
    public RollEncoder(Architecture architecture, int batch, int steps, boolean withTracks) {
        this.architecture = architecture;
        this.tensors = new RollTensors(architecture);
        this.batch = batch;
        this.steps = steps;
        melody = silent(batch * architecture.melodyChannels() * steps * architecture.width());
        tracks = withTracks ? silent(batch * architecture.trackChannels() * steps * architecture.width()) : null;
        if (architecture.beatPhase()) {
            for (int sample = 0; sample < batch; sample++) {
                for (int step = 0; step < steps; step++) {
                    melody[tensors.phaseIndex(sample, steps, step, step % Architecture.PHASES)] = SOUNDING;
                }
            }
        }
    }

    private static float[] silent(int length) {
        float[] cells = new float[length];
        Arrays.fill(cells, SILENT);
        return cells;
    }

    /** Marks the melody of window {@code sample} sounding {@code pitch} at {@code step}. */
    public void melody(int sample, int step, int pitch) {
        if (inWindow(pitch)) {
            melody[tensors.melodyIndex(sample, steps, step, pitch - architecture.lowestPitch())] = SOUNDING;
        }
    }

    /**
     * Marks track {@code track} of window {@code sample} sounding {@code pitch} at {@code step}, and starting there if
     * {@code onset} and the architecture has onset planes.
     */
    public void track(int sample, int track, int step, int pitch, boolean onset) {
        if (!inWindow(pitch)) {
            return;
        }
        int row = pitch - architecture.lowestPitch();
        tracks[tensors.trackIndex(sample, steps, track, step, row)] = SOUNDING;
        if (onset && architecture.onsets()) {
            tracks[tensors.trackIndex(sample, steps, Architecture.ONSET_PLANE, track, step, row)] = SOUNDING;
        }
    }

    private boolean inWindow(int pitch) {
        return pitch >= architecture.lowestPitch() && pitch <= architecture.highestPitch();
    }

    /** The melodies, [batch, melodyChannels, steps, width]. */
    public INDArray melodies() {
        return Nd4j.create(melody, tensors.melodyShape(batch, steps), 'c');
    }

    /** The melodies and tracks as a training batch (only for an encoder made with tracks). */
    public Batch batch() {
        return new Batch(melodies(), Nd4j.create(tracks, tensors.trackShape(batch, steps), 'c'));
    }
}
