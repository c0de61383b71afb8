package dev.continuo.engine.training;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.Batch;
import dev.continuo.engine.model.GradientSteps;
import dev.continuo.engine.model.GridSteps;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.model.TrainingConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a generator and critic with the Wasserstein loss and gradient penalty (Gulrajani et al. 2017), optionally
 * plus a reconstruction term, as DeepComposer's GAN lab does: {@code updateRatio} critic updates, then one generator
 * update, per iteration.
 *
 * <p>Adam updates the shared weights in place with the gradients of {@link GradientSteps}; the BatchNorm running
 * statistics follow the generator updates' batch statistics. Not thread-safe.
 */
public final class GanTrainer {

    private final ModelWeights weights;
    private final TrainingConfig config;
    private final Architecture architecture;
    private final GradientSteps steps;
    private final AdamStep criticAdam;
    private final AdamStep generatorAdam;
    private final java.util.Random random;
    /** BatchNorm running-statistics momentum, as Keras' 0.8 (PyTorch's 0.2). */
    private static final double RUNNING_MOMENTUM = 0.8;

    /** What one iteration measured. */
    public record IterationLosses(double criticLoss, double wassersteinEstimate, double gradientPenalty,
            double generatorLoss, double reconstructionLoss) {
    }

    /** A trainer on the hand-written gradients of {@link GridSteps}. */
    public GanTrainer(ModelWeights weights, TrainingConfig config) {
        this.weights = weights;
        this.config = config;
        this.architecture = weights.architecture();
        this.random = new java.util.Random(config.seed());
        this.steps = new GridSteps(weights, config.gradientPenalty(), config.reconstructionWeight());
        criticAdam = new AdamStep(weights, weights.criticParameters(), config);
        generatorAdam = new AdamStep(weights, weights.generatorParameters(), config);
    }

    /**
     * Where an iteration's gradients come from when they are not computed here: each is asked for after the
     * previous update was applied, so it sees the weights as they are then ({@link #weights()}).
     */
    public interface UpdateSource {

        /** The gradients of critic update {@code update} (from 0) of the coming iteration. */
        GradientSteps.CriticStep critic(int update);

        /** The gradients of the coming iteration's generator update. */
        GradientSteps.GeneratorStep generator();
    }

    /** Runs one iteration: {@code updateRatio} critic updates and one generator update, each on a fresh batch. */
    public IterationLosses iterate(Supplier<Batch> batches) {
        return iterate(new UpdateSource() {
            @Override
            public GradientSteps.CriticStep critic(int update) {
                Batch batch = batches.get();
                long n = batch.melody().size(0);
                INDArray noise = noise(n);
                return steps.critic(batch, noise, uniform(n, 1, 1, 1));
            }

            @Override
            public GradientSteps.GeneratorStep generator() {
                Batch batch = batches.get();
                return steps.generator(batch, noise(batch.melody().size(0)));
            }
        });
    }

    /**
     * Runs one iteration on gradients computed elsewhere (data-parallel training averages them over replicas):
     * Adam applies them as they come.
     */
    public IterationLosses iterate(UpdateSource source) {
        GradientSteps.CriticStep critic = null;
        for (int k = 0; k < config.updateRatio(); k++) {
            critic = source.critic(k);
            criticAdam.apply(critic.gradients());
        }
        GradientSteps.GeneratorStep generator = source.generator();
        generatorAdam.apply(generator.gradients());
        generator.statistics().forEach(this::updateRunningStatistics);
        return new IterationLosses(critic.loss(), critic.wasserstein(), critic.penalty(), generator.loss(),
                generator.reconstruction());
    }

    private INDArray noise(long n) {
        return architecture.noiseChannels() == 0 ? null : Noise.gaussian(random, weights.dataType(), n,
                architecture.noiseChannels(), architecture.windowSteps() >> architecture.depth(),
                architecture.bottleneckWidth());
    }

    private INDArray uniform(long... shape) {
        double[] values = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble();
        }
        return Nd4j.create(values, shape, 'c').castTo(weights.dataType());
    }

    private void updateRunningStatistics(String prefix, INDArray[] meanAndVariance) {
        INDArray mean = weights.get(prefix + ".mean");
        INDArray variance = weights.get(prefix + ".var");
        mean.muli(RUNNING_MOMENTUM).addi(meanAndVariance[0].reshape(mean.shape()).mul(1 - RUNNING_MOMENTUM));
        variance.muli(RUNNING_MOMENTUM).addi(meanAndVariance[1].reshape(variance.shape()).mul(1 - RUNNING_MOMENTUM));
    }

    /**
     * Everything needed to resume: weights ("w/" + name) and both optimizers' moments ("adam.c/…", "adam.g/…"),
     * shared, not copied.
     */
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new java.util.LinkedHashMap<>();
        weights.all().forEach((name, array) -> state.put("w/" + name, array));
        criticAdam.state().forEach((name, array) -> state.put("adam.c/" + name, array));
        generatorAdam.state().forEach((name, array) -> state.put("adam.g/" + name, array));
        return state;
    }

    /**
     * Restores a state saved by {@link #state()} after {@code iterations} generator updates; noise and
     * interpolation draws continue from a generator reseeded for that iteration.
     *
     * @throws IllegalArgumentException if an array is missing or has another shape
     */
    public void restore(Map<String, INDArray> state, int iterations) {
        for (Map.Entry<String, INDArray> entry : state().entrySet()) {
            INDArray saved = state.get(entry.getKey());
            if (saved == null) {
                throw new IllegalArgumentException("checkpoint lacks \"" + entry.getKey() + "\"");
            }
            if (!java.util.Arrays.equals(saved.shape(), entry.getValue().shape())) {
                throw new IllegalArgumentException("checkpoint has \"" + entry.getKey() + "\" as "
                        + java.util.Arrays.toString(saved.shape()) + ", this architecture needs "
                        + java.util.Arrays.toString(entry.getValue().shape()));
            }
            entry.getValue().assign(saved);
        }
        Map<String, INDArray> critic = new HashMap<>();
        Map<String, INDArray> generator = new HashMap<>();
        state.forEach((name, array) -> {
            if (name.startsWith("adam.c/")) {
                critic.put(name.substring(7), array);
            } else if (name.startsWith("adam.g/")) {
                generator.put(name.substring(7), array);
            }
        });
        criticAdam.restore(critic, iterations * config.updateRatio());
        generatorAdam.restore(generator, iterations);
        random.setSeed(config.seed() + iterations);
    }

    /** Generator updates so far. */
    public int iterations() {
        return generatorAdam.iteration();
    }

    public ModelWeights weights() {
        return weights;
    }
}
