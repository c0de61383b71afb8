package dev.continuo.engine.training;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.Batch;
import dev.continuo.engine.model.GradientSteps;
import dev.continuo.engine.model.GridSteps;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.model.TrainingConfig;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One replica's share of a data-parallel update: the gradients of a critic or generator update on its own batch,
 * with its own noise and interpolation draws, on a copy of the weights. The caller averages the shares and hands
 * them to {@link GanTrainer#iterate(GanTrainer.UpdateSource)}. The generator's BatchNorm normalizes each share by
 * its own statistics, as data-parallel training without synchronized BatchNorm does. Not thread-safe.
 */
public final class ShardGradients {

    private final ModelWeights weights;
    private final GradientSteps steps;
    private final Supplier<Batch> batches;
    private final Random random;

    /**
     * @param weights the weights to differentiate at (not changed)
     * @param batches this share's batches
     * @param seed    seed of this share's noise and interpolation draws
     */
    public ShardGradients(ModelWeights weights, TrainingConfig config, Supplier<Batch> batches, long seed) {
        this.weights = weights;
        this.steps = new GridSteps(weights, config.gradientPenalty(), config.reconstructionWeight());
        this.batches = batches;
        this.random = new Random(seed);
    }

    /** A critic update's gradients on the next batch. */
    public GradientSteps.CriticStep critic() {
        Batch batch = batches.get();
        long n = batch.melody().size(0);
        INDArray noise = noise(n);
        double[] epsilon = new double[(int) n];
        for (int i = 0; i < epsilon.length; i++) {
            epsilon[i] = random.nextDouble();
        }
        return steps.critic(batch, noise, Nd4j.create(epsilon, new long[] {n, 1, 1, 1}, 'c')
                .castTo(weights.dataType()));
    }

    /** A generator update's gradients and BatchNorm statistics on the next batch. */
    public GradientSteps.GeneratorStep generator() {
        Batch batch = batches.get();
        return steps.generator(batch, noise(batch.melody().size(0)));
    }

    private INDArray noise(long n) {
        Architecture a = weights.architecture();
        return a.noiseChannels() == 0 ? null : Noise.gaussian(random, weights.dataType(), n, a.noiseChannels(),
                a.windowSteps() >> a.depth(), a.bottleneckWidth());
    }
}
