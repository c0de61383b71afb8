package dev.continuo.engine.training;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.UNetLayout;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * How much memory training needs, from the batch and the architecture, so that a batch too large for the process
 * is refused before training starts instead of dying of an {@link OutOfMemoryError} a minute in.
 *
 * <p>The networks' activations dominate and grow with the batch: every convolution (computed tap by tap, so no
 * unfolded input is kept) holds its input and its output, for the generator and the critic, in the critic's step
 * (real, generated and interpolated windows, the gradient penalty's second backward pass) and the generator's.
 * {@link #bytesPerExample} counts those floats once per example and multiplies them by a number of passes fitted to
 * the peak resident memory of {@code train} (docs/presets.md, "Memory"); {@link #BASE_BYTES} is the rest of a
 * training process (the JVM, ND4J's libraries, the data, the weights and both optimizers' moments of the
 * architectures Continuo has; 0.75–1.2 GB measured).
 */
public final class TrainingMemory {

    /**
     * Floats held per counted float, over a whole iteration, for each layout: fitted to peak resident memory on the
     * JSB chorales (2026-12-02; compact 4.9 MB per example, 1,024 against 2,048 windows; deepcomposer 63 MB,
     * 16 against 64). Under the launcher's 8 GB cap compact trained at 1,536 and ran out of memory at 2,048.
     */
    private static final double PASSES_PITCHES_AS_CHANNELS = 15;
    private static final double PASSES_TWO_DIMENSIONAL = 10;
    /** Resident memory of a training process apart from the batch's activations: measured, see the class comment. */
    static final long BASE_BYTES = 1L << 30;

    private TrainingMemory() {
    }

    /** Bytes of resident memory one training iteration at {@code batch} takes, at its peak. */
    public static long bytes(Architecture architecture, int batch) {
        return BASE_BYTES + (long) batch * bytesPerExample(architecture);
    }

    /**
     * Refuses a batch whose iteration would not fit in {@link #limitBytes}, before any training starts.
     *
     * @param batch  the whole batch ({@code --batch})
     * @param shares the tasks it is split among, each one iteration of {@code batch / shares} (1 for local training)
     * @throws IllegalArgumentException one line with the memory needed, the limit and the largest batch that fits
     */
    public static void requireFits(Architecture architecture, int batch, int shares) {
        int perShare = batch / shares;
        long needed = bytes(architecture, perShare);
        long limit = limitBytes();
        if (needed > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--batch %d%s needs about %.1f GB of"
                    + " memory with the %s architecture, more than the %.1f GB this process may use (JavaCPP's"
                    + " maxphysicalbytes; CONTINUO_JAVA_OPTS can raise it): the largest batch that fits is %d",
                    batch, shares > 1 ? " in " + shares + " shares (" + perShare + " a share)" : "", needed / 1e9,
                    architecture.name(), limit / 1e9, (long) largestBatch(architecture, limit) * shares));
        }
    }

    /** The largest batch whose iteration fits in {@code limitBytes}; 0 if none does. */
    public static int largestBatch(Architecture architecture, long limitBytes) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (limitBytes - BASE_BYTES)
                / bytesPerExample(architecture)));
    }

    /**
     * The resident memory this process may grow to: JavaCPP's {@code org.bytedeco.javacpp.maxphysicalbytes} (the
     * launcher sets 8 GB; past it ND4J's allocations fail), else the machine's physical memory.
     */
    public static long limitBytes() {
        long limit = Pointer.maxPhysicalBytes();
        if (limit > 0) {
            return limit;
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    /** Bytes of activations per example of the batch, over a whole iteration. */
    static long bytesPerExample(Architecture a) {
        double floats = 0;
        UNetLayout generator = UNetLayout.of(a);
        for (int i = 0; i < generator.encoder().size(); i++) {
            UNetLayout.Block block = generator.encoder().get(i);
            floats += positions(a, i) * block.inputs() + positions(a, i + 1) * block.outputs();
        }
        int level = a.depth() - 1;
        for (UNetLayout.Block block : generator.decoder()) {
            // Upsampled to the output's level, then convolved.
            floats += positions(a, level) * (block.inputs() + block.outputs());
            level--;
        }
        int in = a.trackChannels() + a.melodyChannels();
        for (int i = 0; i < a.depth(); i++) {
            floats += positions(a, i) * in + positions(a, i + 1) * a.criticFilters(i);
            in = a.criticFilters(i);
        }
        return (long) Math.ceil(floats * Float.BYTES
                * (a.pitchAsChannels() ? PASSES_PITCHES_AS_CHANNELS : PASSES_TWO_DIMENSIONAL));
    }

    /** Positions of a tensor at {@code level} (the input is level 0; each encoder block halves both directions). */
    private static double positions(Architecture a, int level) {
        return (double) (a.windowSteps() >> level) * Math.max(1, a.width() >> level);
    }
}
