package dev.continuo.engine.data;

import dev.continuo.engine.metrics.KeyEstimator;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.Batch;
import dev.continuo.engine.model.RollEncoder;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Draws training batches: random windows of {@code windowSteps} starting on a beat, as ±1 tensors in the model's
 * layout (sustain planes, and onset planes where the architecture has them). Each window is moved either to a random
 * key within ±{@link #MAX_TRANSPOSITION} semitones that keeps its notes inside the model's pitch window, or, with
 * {@link SamplingOptions#keyNormalized()}, to C major / A minor (by octaves into the window); a share of windows is
 * played at half or double speed. Longer pieces are drawn more often, in proportion to their number of windows. The
 * same seed draws the same batches. Not thread-safe.
 */
public final class WindowSampler implements Supplier<Batch> {

    /** Largest transposition, in semitones, up or down. */
    public static final int MAX_TRANSPOSITION = 6;
    private static final int BEAT_STEPS = 4;

    /** One piece, its notes read once: the melody first, then the parts. */
    private record Piece(int steps, List<List<Note>> voices, int low, int high, int keyShift) {
    }

    private final List<Piece> pieces = new ArrayList<>();
    private final Architecture architecture;
    private final SamplingOptions options;
    private final int batchSize;
    private final Random random;
    private final long[] cumulativeStarts;

    public WindowSampler(List<Example> examples, Architecture architecture, int batchSize, long seed) {
        this(examples, architecture, SamplingOptions.RANDOM_KEYS, batchSize, seed);
    }

    public WindowSampler(List<Example> examples, Architecture architecture, SamplingOptions options, int batchSize,
            long seed) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        this.architecture = architecture;
        this.options = options;
        this.batchSize = batchSize;
        this.random = new Random(seed);
        this.cumulativeStarts = new long[examples.size()];
        KeyEstimator keys = new KeyEstimator();
        long total = 0;
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            List<List<Note>> voices = new ArrayList<>();
            voices.add(example.melody().notes());
            example.parts().forEach(part -> voices.add(part.notes()));
            int low = voices.stream().flatMap(List::stream).mapToInt(Note::pitch).min().orElse(-1);
            int high = voices.stream().flatMap(List::stream).mapToInt(Note::pitch).max().orElse(-1);
            int keyShift = options.keyNormalized() ? keys.estimate(example.melody()).shiftToC() : 0;
            pieces.add(new Piece(example.steps(), voices, low, high, keyShift));
            total += startCount(example.steps(), architecture.windowSteps());
            cumulativeStarts[i] = total;
        }
    }

    private static int startCount(int steps, int span) {
        return Math.max(1, (steps - span) / BEAT_STEPS + 1);
    }

    @Override
    public Batch get() {
        int steps = architecture.windowSteps();
        RollEncoder encoder = new RollEncoder(architecture, batchSize, steps, true);
        for (int sample = 0; sample < batchSize; sample++) {
            int n = sample;
            long pick = (long) (random.nextDouble() * cumulativeStarts[cumulativeStarts.length - 1]);
            int index = 0;
            while (cumulativeStarts[index] <= pick) {
                index++;
            }
            Piece piece = pieces.get(index);
            int speed = speed(); // output steps per source step ×2: 1 = double speed, 2 = original, 4 = half speed
            int span = steps * 2 / speed;
            int start = BEAT_STEPS * random.nextInt(startCount(piece.steps(), span));
            int shift = transposition(piece);
            fill(piece.voices().get(0), start, span, speed, shift, (step, pitch, onset) ->
                    encoder.melody(n, step, pitch));
            for (int track = 0; track < Math.min(Architecture.TRACKS, piece.voices().size() - 1); track++) {
                int t = track;
                fill(piece.voices().get(track + 1), start, span, speed, shift, (step, pitch, onset) ->
                        encoder.track(n, t, step, pitch, onset));
            }
        }
        return encoder.batch();
    }

    /** 2 (original speed) or, for a share of windows, 4 (half speed) or 1 (double speed). */
    private int speed() {
        if (options.tempoShare() == 0 || random.nextDouble() >= options.tempoShare()) {
            return 2;
        }
        return random.nextBoolean() ? 4 : 1;
    }

    private interface CellSetter {
        void set(int step, int pitch, boolean onset);
    }

    /**
     * Marks the notes sounding in source steps [start, start + span) on the window's grid, each source step taking
     * {@code speed} / 2 window steps; a note shortened to nothing by double speed keeps one step.
     */
    private void fill(List<Note> notes, int start, int span, int speed, int shift, CellSetter setter) {
        int steps = architecture.windowSteps();
        for (Note note : notes) {
            if (note.endStep() <= start || note.startStep() >= start + span) {
                continue;
            }
            int pitch = note.pitch() + shift;
            int from = Math.floorDiv((note.startStep() - start) * speed, 2);
            int to = Math.max(from + 1, Math.floorDiv((note.endStep() - start) * speed, 2));
            for (int step = Math.max(0, from); step < Math.min(steps, to); step++) {
                setter.set(step, pitch, step == from);
            }
        }
    }

    /**
     * The piece's key shift moved by the octave that keeps it inside the pitch window, or a random shift within
     * ±{@link #MAX_TRANSPOSITION} that does; 0 (or the key shift) if none fits.
     */
    private int transposition(Piece piece) {
        if (piece.high() < 0) {
            return 0;
        }
        if (options.keyNormalized()) {
            for (int octave : new int[] {0, -12, 12, -24, 24}) {
                int shift = piece.keyShift() + octave;
                if (piece.low() + shift >= architecture.lowestPitch()
                        && piece.high() + shift <= architecture.highestPitch()) {
                    return shift;
                }
            }
            return piece.keyShift();
        }
        int lowest = Math.max(-MAX_TRANSPOSITION, architecture.lowestPitch() - piece.low());
        int highest = Math.min(MAX_TRANSPOSITION, architecture.highestPitch() - piece.high());
        return lowest > highest ? 0 : lowest + random.nextInt(highest - lowest + 1);
    }
}
