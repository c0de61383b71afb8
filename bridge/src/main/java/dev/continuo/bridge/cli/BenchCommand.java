package dev.continuo.bridge.cli;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.data.WindowSampler;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.Batch;
import dev.continuo.engine.model.Generator;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.model.TrainingConfig;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.training.GanTrainer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code continuo bench}: speed figures on this machine. Generation latency with a preset (what a musician waits
 * for), and the DeepComposer architecture's inference and training speed in GFLOP/s beside a plain SGEMM, for
 * comparison with the PyTorch reference ({@code ../shared/bench/deepcomposer_reference.py}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchServeCommand.class,
        description = {"Measure generation latency and model throughput on this machine and print the figures."})
final class BenchCommand implements Callable<Integer> {

    /** Forward FLOPs of the DeepComposer generator per 2-bar window (32 × 128), as the issue counts them. */
    private static final double DEEPCOMPOSER_GFLOP_PER_WINDOW = 1.88;

    @Option(names = "--preset", defaultValue = PresetCatalog.DEFAULT, description = "Preset for the latency figures.")
    private String preset;

    @Option(names = "--bars", defaultValue = "8", description = "Melody length for the latency figures (4/4 bars).")
    private int bars;

    @Option(names = "--runs", defaultValue = "200", description = "Timed generations (default ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--skip-deepcomposer", description = "Leave out the DeepComposer architecture figures.")
    private boolean skipDeepcomposer;

    @Override
    public Integer call() throws CorruptWeightsException {
        System.out.printf(Locale.ROOT, "threads: OMP_NUM_THREADS=%s, %d cores%n", System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "sgemm 2048x2048: %.1f GFLOP/s%n", sgemm());
        latency();
        if (!skipDeepcomposer) {
            deepcomposer();
        }
        return Continuo.OK;
    }

    private void latency() throws CorruptWeightsException {
        Accompanist accompanist = new Accompanist(new PresetCatalog(PresetLocations.userPresets()).load(preset));
        int presetEnsemble = accompanist.preset().manifest().decoding().ensemble();
        latency(accompanist, -1, "the preset's ensemble " + presetEnsemble);
        if (presetEnsemble != 0) {
            latency(accompanist, 0, "ensemble 0");
        }
    }

    private void latency(Accompanist accompanist, int ensemble, String label) {
        Part melody = new Part("Melody", 0, 0, 1, bars * 16);
        int[] tune = {72, 74, 76, 77, 79, 77, 76, 74};
        for (int step = 0; step < melody.steps(); step += 4) {
            melody.addNote(new Note(tune[(step / 4) % tune.length], step, 4, 90));
        }
        for (int i = 0; i < 20; i++) {
            accompanist.generate(melody, new GenerationSettings(i, Double.NaN, 1, ensemble));
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            accompanist.generate(melody, new GenerationSettings(i, Double.NaN, 1, ensemble));
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "generate %d bars with preset %s, %s (%d runs after 20 warm-up): "
                + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", bars, preset, label, runs,
                percentile(millis, 50),
                percentile(millis, 90), percentile(millis, 99), millis[millis.length - 1]);
    }

    private static void deepcomposer() {
        Architecture a = Architecture.deepcomposer();
        ModelWeights weights = ModelWeights.initialize(a, 1, DataType.FLOAT);
        Generator generator = new Generator(weights);
        for (int batch : new int[] {1, 64}) {
            INDArray melody = Nd4j.rand(DataType.FLOAT, batch, 1, 32, 128).gt(0.95).castTo(DataType.FLOAT)
                    .muli(2).subi(1);
            INDArray noise = Nd4j.randn(DataType.FLOAT, batch, a.noiseChannels(), 2, 8);
            int repeats = batch == 1 ? 20 : 3;
            for (int i = 0; i < 2; i++) {
                generator.generate(melody, noise);
            }
            double[] seconds = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                generator.generate(melody, noise);
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            double median = seconds[repeats / 2];
            System.out.printf(Locale.ROOT, "deepcomposer inference batch %d: median %.1f ms, %.1f GFLOP/s%n", batch,
                    median * 1e3, DEEPCOMPOSER_GFLOP_PER_WINDOW * batch / median);
        }
        GanTrainer trainer = new GanTrainer(weights, TrainingConfig.deepcomposer(1));
        WindowSampler sampler = new WindowSampler(List.of(scaleExample()), a, 64, 1);
        Batch batch = sampler.get();
        trainer.iterate(() -> batch);
        double[] seconds = new double[2];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            trainer.iterate(() -> batch);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        System.out.printf(Locale.ROOT, "deepcomposer training iteration (batch 64, 5 critic + 1 generator updates): "
                + "%.2f s (best of %d)%n", Math.min(seconds[0], seconds[1]), seconds.length);
    }

    private static Example scaleExample() {
        Part melody = new Part("m", 0, 0, 1, 64);
        List<Part> parts = List.of(new Part("a", 1, 0, 2, 64), new Part("b", 2, 0, 3, 64),
                new Part("c", 3, 0, 4, 64), new Part("d", 4, 0, 5, 64));
        for (int step = 0; step < 64; step += 4) {
            melody.addNote(new Note(72 + step / 8, step, 4, 90));
            for (int p = 0; p < 4; p++) {
                parts.get(p).addNote(new Note(67 - 7 * p + step / 8, step, 4, 90));
            }
        }
        return new Example("scale", melody, parts);
    }

    private static double sgemm() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 2048, 2048);
        INDArray b = Nd4j.rand(DataType.FLOAT, 2048, 2048);
        a.mmul(b);
        long start = System.nanoTime();
        int repeats = 5;
        for (int i = 0; i < repeats; i++) {
            a.mmul(b);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / repeats;
        return 2.0 * 2048 * 2048 * 2048 / seconds / 1e9;
    }

    static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
