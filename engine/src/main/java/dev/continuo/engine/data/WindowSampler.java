package dev.continuo.engine.data;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.Batch;
import dev.continuo.engine.model.RollTensors;
import dev.continuo.engine.roll.Part;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws training batches: random windows of {@code windowSteps} starting on a beat, each transposed by a random
 * interval within ±{@link #MAX_TRANSPOSITION} semitones that keeps all its notes inside the model's pitch window
 * (so the model meets every key), as ±1 tensors in the model's layout. Longer pieces are drawn more often, in
 * proportion to their number of windows. The same seed draws the same batches. Not thread-safe.
 */
public final class WindowSampler implements Supplier<Batch> {

    /** Largest transposition, in semitones, up or down. */
    public static final int MAX_TRANSPOSITION = 6;
    private static final int BEAT_STEPS = 4;

    private final List<Example> examples;
    private final Architecture architecture;
    private final RollTensors tensors;
    private final int batchSize;
    private final Random random;
    private final long[] cumulativeStarts;
    private final int[][] pitchRange;

    public WindowSampler(List<Example> examples, Architecture architecture, int batchSize, long seed) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        this.examples = List.copyOf(examples);
        this.architecture = architecture;
        this.tensors = new RollTensors(architecture);
        this.batchSize = batchSize;
        this.random = new Random(seed);
        this.cumulativeStarts = new long[examples.size()];
        this.pitchRange = new int[examples.size()][];
        long total = 0;
        for (int i = 0; i < examples.size(); i++) {
            total += startCount(examples.get(i));
            cumulativeStarts[i] = total;
            pitchRange[i] = pitchRange(examples.get(i));
        }
    }

    private int startCount(Example example) {
        return Math.max(1, (example.steps() - architecture.windowSteps()) / BEAT_STEPS + 1);
    }

    @Override
    public Batch get() {
        int steps = architecture.windowSteps();
        float[] melody = new float[batchSize * architecture.melodyChannels() * steps * architecture.width()];
        float[] parts = new float[batchSize * architecture.trackChannels() * steps * architecture.width()];
        Arrays.fill(melody, -1f);
        Arrays.fill(parts, -1f);
        for (int sample = 0; sample < batchSize; sample++) {
            int n = sample;
            long pick = (long) (random.nextDouble() * cumulativeStarts[cumulativeStarts.length - 1]);
            int index = 0;
            while (cumulativeStarts[index] <= pick) {
                index++;
            }
            Example example = examples.get(index);
            int start = BEAT_STEPS * random.nextInt(startCount(example));
            int shift = transposition(pitchRange[index]);
            fill(example.melody(), start, shift, (step, row) -> melody[tensors.melodyIndex(n, steps, step, row)] = 1f);
            tensors.markBeatPhase(melody, n, steps, start);
            for (int track = 0; track < example.parts().size(); track++) {
                int t = track;
                fill(example.parts().get(track), start, shift, (step, row) -> parts[tensors.trackIndex(n, steps, t,
                        step, row)] = 1f);
            }
        }
        return new Batch(Nd4j.create(melody, tensors.melodyShape(batchSize, steps), 'c'),
                Nd4j.create(parts, tensors.trackShape(batchSize, steps), 'c'));
    }

    private interface CellSetter {
        void set(int step, int row);
    }

    private void fill(Part part, int start, int shift, CellSetter setter) {
        int end = Math.min(part.steps(), start + architecture.windowSteps());
        for (int step = start; step < end; step++) {
            for (int pitch = 0; pitch < 128; pitch++) {
                int row = pitch + shift - architecture.lowestPitch();
                if (row >= 0 && row < architecture.pitchCount() && part.isSounding(step, pitch)) {
                    setter.set(step - start, row);
                }
            }
        }
    }

    /** A random shift keeping [low, high] inside the pitch window, or 0 if none does. */
    private int transposition(int[] range) {
        if (range == null) {
            return 0;
        }
        int lowest = Math.max(-MAX_TRANSPOSITION, architecture.lowestPitch() - range[0]);
        int highest = Math.min(MAX_TRANSPOSITION, architecture.highestPitch() - range[1]);
        return lowest > highest ? 0 : lowest + random.nextInt(highest - lowest + 1);
    }

    private static int[] pitchRange(Example example) {
        int low = 128;
        int high = -1;
        for (Part part : concat(example)) {
            for (var note : part.notes()) {
                low = Math.min(low, note.pitch());
                high = Math.max(high, note.pitch());
            }
        }
        return high < 0 ? null : new int[] {low, high};
    }

    private static List<Part> concat(Example example) {
        List<Part> all = new java.util.ArrayList<>(example.parts());
        all.add(example.melody());
        return all;
    }
}
