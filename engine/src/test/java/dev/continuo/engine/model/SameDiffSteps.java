package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reference for {@link GridSteps} in tests: WGAN-GP gradients by SameDiff's automatic differentiation, from two
 * graphs that share the weight arrays: the critic graph (scores of real and generated parts, penalty on interpolates
 * of the four tracks with the melody fixed) and the generator graph (generator, critic on its output,
 * reconstruction). Works for every {@link Architecture}; Continuo trained this way until the hand-written passes,
 * 4.5 to 13 times slower.
 */
final class SameDiffSteps implements GradientSteps {

    private final ModelWeights weights;
    private final double gradientPenalty;
    private final double reconstructionWeight;
    private final Architecture architecture;
    private final SameDiff criticGraph = SameDiff.create();
    private final SameDiff generatorGraph = SameDiff.create();
    private final List<String> statisticsOutputs = new ArrayList<>();
    private final List<String> statisticsPrefixes = new ArrayList<>();

    /** As {@link GridSteps#GridSteps}. */
    SameDiffSteps(ModelWeights weights, double gradientPenalty, double reconstructionWeight) {
        this.weights = weights;
        this.gradientPenalty = gradientPenalty;
        this.reconstructionWeight = reconstructionWeight;
        this.architecture = weights.architecture();
        buildCriticGraph();
        buildGeneratorGraph();
        createGradientFunctions();
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
        fakeScore.sub(realScore).add(penalty.mul(gradientPenalty)).rename("criticLoss");
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

        GeneratorNet.Output output = GeneratorNet.build(b, architecture, melody, noise, true);
        output.tracks().rename("fake");
        SDVariable adversarial = CriticNet.build(b, architecture, output.tracks(), melody).score().mean().neg();
        // Binary cross-entropy on logits l = 2·pre-activation, since tanh(x) = 2·sigmoid(2x) − 1:
        // softplus(l) − t·l with t = (target + 1) / 2.
        SDVariable logits = output.preActivation().mul(2.0);
        SDVariable targetProbability = target.add(1.0).mul(0.5);
        SDVariable reconstruction = generatorGraph.nn().softplus(logits).sub(targetProbability.mul(logits)).mean()
                .rename("reconstruction");
        adversarial.add(reconstruction.mul(reconstructionWeight)).rename("generatorLoss");
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

    @Override
    public CriticStep critic(Batch batch, INDArray noise, INDArray epsilon) {
        INDArray fake = generatorGraph.output(generatorInputs(batch, noise), "fake").get("fake");
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put("real", batch.parts());
        inputs.put("fake", fake);
        inputs.put("melody", batch.melody());
        inputs.put("epsilon", epsilon);
        OutAndGrad result = criticGraph.calculateGradientsAndOutputs(inputs,
                List.of("criticLoss", "wasserstein", "penalty"), weights.criticParameters());
        return new CriticStep(result.getGradients(), result.getOutputs().get("criticLoss").getDouble(0),
                result.getOutputs().get("wasserstein").getDouble(0), result.getOutputs().get("penalty").getDouble(0));
    }

    @Override
    public GeneratorStep generator(Batch batch, INDArray noise) {
        List<String> outputs = new ArrayList<>(List.of("generatorLoss", "reconstruction"));
        outputs.addAll(statisticsOutputs);
        OutAndGrad result = generatorGraph.calculateGradientsAndOutputs(generatorInputs(batch, noise), outputs,
                weights.generatorParameters());
        Map<String, INDArray[]> statistics = new HashMap<>();
        for (int i = 0; i < statisticsPrefixes.size(); i++) {
            statistics.put(statisticsPrefixes.get(i), new INDArray[] {
                result.getOutputs().get(statisticsOutputs.get(2 * i)),
                result.getOutputs().get(statisticsOutputs.get(2 * i + 1))});
        }
        return new GeneratorStep(result.getGradients(), result.getOutputs().get("generatorLoss").getDouble(0),
                result.getOutputs().get("reconstruction").getDouble(0), statistics);
    }

    private static Map<String, INDArray> generatorInputs(Batch batch, INDArray noise) {
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put("melody", batch.melody());
        inputs.put("target", batch.parts());
        if (noise != null) {
            inputs.put("noise", noise);
        }
        return inputs;
    }
}
