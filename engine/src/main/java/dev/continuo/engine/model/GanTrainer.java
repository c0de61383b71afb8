package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a generator and critic with the Wasserstein loss and gradient penalty (Gulrajani et al. 2017), optionally
 * plus a reconstruction term, as DeepComposer's GAN lab does: {@code updateRatio} critic updates, then one generator
 * update, per iteration.
 *
 * <p>Two SameDiff graphs share the weight arrays: the critic graph (scores of real and generated parts, penalty on
 * interpolates of the four tracks with the melody fixed) and the generator graph (generator, critic on its output,
 * reconstruction). Both are built once; each step only feeds placeholders. Not thread-safe.
 */
public final class GanTrainer {

    private final ModelWeights weights;
    private final TrainingConfig config;
    private final Architecture architecture;
    private final SameDiff criticGraph = SameDiff.create();
    private final SameDiff generatorGraph = SameDiff.create();
    private final List<String> statisticsOutputs = new ArrayList<>();
    private final List<String> statisticsPrefixes = new ArrayList<>();
    private final AdamStep criticAdam;
    private final AdamStep generatorAdam;
    private final java.util.Random random;
    /** BatchNorm running-statistics momentum, as Keras' 0.8 (PyTorch's 0.2). */
    private static final double RUNNING_MOMENTUM = 0.8;

    /** What one iteration measured. */
    public record IterationLosses(double criticLoss, double wassersteinEstimate, double gradientPenalty,
            double generatorLoss, double reconstructionLoss) {
    }

    public GanTrainer(ModelWeights weights, TrainingConfig config) {
        this.weights = weights;
        this.config = config;
        this.architecture = weights.architecture();
        this.random = new java.util.Random(config.seed());
        buildCriticGraph();
        buildGeneratorGraph();
        createGradientFunctions();
        criticAdam = new AdamStep(weights, weights.criticParameters(), config);
        generatorAdam = new AdamStep(weights, weights.generatorParameters(), config);
    }

    private void buildCriticGraph() {
        NetworkBuilder b = new NetworkBuilder(criticGraph, weights);
        DataType type = weights.dataType();
        int steps = architecture.windowSteps();
        int width = architecture.width();
        int tracks = architecture.trackChannels();
        SDVariable real = criticGraph.placeHolder("real", type, -1, tracks, steps, width);
        SDVariable fake = criticGraph.placeHolder("fake", type, -1, tracks, steps, width);
        SDVariable melody = criticGraph.placeHolder("melody", type, -1, architecture.melodyChannels(), steps, width);
        SDVariable epsilon = criticGraph.placeHolder("epsilon", type, -1, 1, 1, 1);

        SDVariable realScore = CriticNet.build(b, architecture, real, melody).score().mean();
        SDVariable fakeScore = CriticNet.build(b, architecture, fake, melody).score().mean();
        SDVariable interpolate = real.mul(epsilon).add(fake.mul(epsilon.rsub(1.0)));
        CriticNet.Pass pass = CriticNet.build(b, architecture, interpolate, melody);
        SDVariable gradient = CriticNet.inputGradient(b, architecture, pass)
                .get(SDIndex.all(), SDIndex.interval(0, tracks));
        SDVariable norms = criticGraph.math().sqrt(gradient.mul(gradient).sum(1, 2, 3).add(1e-8));
        SDVariable penalty = norms.sub(1.0).mul(norms.sub(1.0)).mean().rename("penalty");
        realScore.sub(fakeScore).rename("wasserstein");
        fakeScore.sub(realScore).add(penalty.mul(config.gradientPenalty())).rename("criticLoss");
        criticGraph.setLossVariables("criticLoss");
    }

    private void buildGeneratorGraph() {
        NetworkBuilder b = new NetworkBuilder(generatorGraph, weights);
        DataType type = weights.dataType();
        int steps = architecture.windowSteps();
        int width = architecture.width();
        SDVariable melody = generatorGraph.placeHolder("melody", type, -1, architecture.melodyChannels(), steps,
                width);
        SDVariable target = generatorGraph.placeHolder("target", type, -1, architecture.trackChannels(), steps,
                width);
        SDVariable noise = architecture.noiseChannels() == 0 ? null : generatorGraph.placeHolder("noise", type, -1,
                architecture.noiseChannels(), steps >> architecture.depth(), architecture.bottleneckWidth());

        GeneratorNet.Output output = GeneratorNet.build(b, architecture, melody, noise, true, false);
        output.tracks().rename("fake");
        SDVariable adversarial = CriticNet.build(b, architecture, output.tracks(), melody).score().mean().neg();
        // Binary cross-entropy on logits l = 2·pre-activation, since tanh(x) = 2·sigmoid(2x) − 1:
        // softplus(l) − t·l with t = (target + 1) / 2.
        SDVariable logits = output.preActivation().mul(2.0);
        SDVariable targetProbability = target.add(1.0).mul(0.5);
        SDVariable reconstruction = generatorGraph.nn().softplus(logits).sub(targetProbability.mul(logits)).mean()
                .rename("reconstruction");
        adversarial.add(reconstruction.mul(config.reconstructionWeight())).rename("generatorLoss");
        generatorGraph.setLossVariables("generatorLoss");
        for (GeneratorNet.BatchStatistics statistics : output.statistics()) {
            statisticsPrefixes.add(statistics.prefix());
            statisticsOutputs.add(statistics.mean().name());
            statisticsOutputs.add(statistics.variance().name());
        }
    }

    /**
     * Builds both backward graphs now rather than on the first step. SameDiff prints a line per differentiated op
     * to standard output while doing so, which would corrupt a command's output; it is swallowed here.
     */
    private void createGradientFunctions() {
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            criticGraph.createGradFunction();
            generatorGraph.createGradFunction();
        } finally {
            System.setOut(stdout);
        }
    }

    /** Runs one iteration: {@code updateRatio} critic updates and one generator update, each on a fresh batch. */
    public IterationLosses iterate(Supplier<Batch> batches) {
        double criticLoss = 0;
        double wasserstein = 0;
        double penalty = 0;
        for (int k = 0; k < config.updateRatio(); k++) {
            Batch batch = batches.get();
            long n = batch.melody().size(0);
            Map<String, INDArray> generatorInputs = generatorInputs(batch);
            INDArray fake = generatorGraph.output(generatorInputs, "fake").get("fake");
            Map<String, INDArray> inputs = new HashMap<>();
            inputs.put("real", batch.parts());
            inputs.put("fake", fake);
            inputs.put("melody", batch.melody());
            inputs.put("epsilon", uniform(n, 1, 1, 1));
            OutAndGrad result = criticGraph.calculateGradientsAndOutputs(inputs,
                    List.of("criticLoss", "wasserstein", "penalty"), weights.criticParameters());
            criticAdam.apply(result.getGradients());
            criticLoss = result.getOutputs().get("criticLoss").getDouble(0);
            wasserstein = result.getOutputs().get("wasserstein").getDouble(0);
            penalty = result.getOutputs().get("penalty").getDouble(0);
        }
        Batch batch = batches.get();
        List<String> outputs = new ArrayList<>(List.of("generatorLoss", "reconstruction"));
        outputs.addAll(statisticsOutputs);
        OutAndGrad result = generatorGraph.calculateGradientsAndOutputs(generatorInputs(batch), outputs,
                weights.generatorParameters());
        generatorAdam.apply(result.getGradients());
        updateRunningStatistics(result.getOutputs());
        return new IterationLosses(criticLoss, wasserstein, penalty,
                result.getOutputs().get("generatorLoss").getDouble(0),
                result.getOutputs().get("reconstruction").getDouble(0));
    }

    private Map<String, INDArray> generatorInputs(Batch batch) {
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put("melody", batch.melody());
        inputs.put("target", batch.parts());
        if (architecture.noiseChannels() > 0) {
            long n = batch.melody().size(0);
            inputs.put("noise", Noise.gaussian(random, weights.dataType(), n, architecture.noiseChannels(),
                    architecture.windowSteps() >> architecture.depth(), architecture.bottleneckWidth()));
        }
        return inputs;
    }

    private INDArray uniform(long... shape) {
        double[] values = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble();
        }
        return Nd4j.create(values, shape, 'c').castTo(weights.dataType());
    }

    private void updateRunningStatistics(Map<String, INDArray> outputs) {
        for (int i = 0; i < statisticsPrefixes.size(); i++) {
            String prefix = statisticsPrefixes.get(i);
            INDArray batchMean = outputs.get(statisticsOutputs.get(2 * i));
            INDArray batchVariance = outputs.get(statisticsOutputs.get(2 * i + 1));
            weights.get(prefix + ".mean").muli(RUNNING_MOMENTUM).addi(batchMean.mul(1 - RUNNING_MOMENTUM));
            weights.get(prefix + ".var").muli(RUNNING_MOMENTUM).addi(batchVariance.mul(1 - RUNNING_MOMENTUM));
        }
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
