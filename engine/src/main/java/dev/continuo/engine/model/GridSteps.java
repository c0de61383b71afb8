package dev.continuo.engine.model;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * WGAN-GP gradients computed by {@link GridUNet} and {@link GridCritic}, for both layouts: matrix products on shifted
 * rows instead of ND4J's convolutions and SameDiff's automatic differentiation, with the same results (a test holds
 * them to SameDiff's).
 *
 * <p>Each step's temporaries live in an ND4J workspace that is sized on the first step and reused: a step makes
 * many large short-lived arrays, which fresh native allocations (page faults, zeroing) would make slow. Only the
 * returned gradients and statistics are copied out.
 */
public final class GridSteps implements GradientSteps {

    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP).build();

    private final ModelWeights weights;
    private final double gradientPenalty;
    private final double reconstructionWeight;

    /**
     * @param weights              the weights to differentiate, shared
     * @param gradientPenalty      weight of the WGAN-GP gradient penalty in the critic's loss
     * @param reconstructionWeight weight of the generator's binary cross-entropy against the real parts
     */
    public GridSteps(ModelWeights weights, double gradientPenalty, double reconstructionWeight) {
        this.weights = weights;
        this.gradientPenalty = gradientPenalty;
        this.reconstructionWeight = reconstructionWeight;
    }

    @Override
    public CriticStep critic(Batch batch, INDArray noise, INDArray epsilon) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE,
                "continuo.critic")) {
            CriticStep step = criticInWorkspace(batch, noise, epsilon);
            step.gradients().replaceAll((name, gradient) -> gradient.detach());
            return step;
        }
    }

    @Override
    public GeneratorStep generator(Batch batch, INDArray noise) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE,
                "continuo.generator")) {
            GeneratorStep step = generatorInWorkspace(batch, noise);
            step.gradients().replaceAll((name, gradient) -> gradient.detach());
            step.statistics().replaceAll((prefix, meanAndVariance) -> new INDArray[] {meanAndVariance[0].detach(),
                meanAndVariance[1].detach()});
            return step;
        }
    }

    private CriticStep criticInWorkspace(Batch batch, INDArray noise, INDArray epsilon) {
        INDArray melody = hwnc(batch.melody());
        INDArray real = hwnc(batch.parts());
        INDArray fake = new GridUNet(weights).forward(melody, hwnc(noise)).tracks();
        long n = real.size(2);
        GridCritic critic = new GridCritic(weights);
        Map<String, INDArray> gradients = new HashMap<>();

        GridCritic.Pass both = critic.forward(Nd4j.concat(2, withMelody(real, melody), withMelody(fake, melody)));
        INDArray scores = both.scores();
        double realMean = scores.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).meanNumber().doubleValue();
        double fakeMean = scores.get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.all()).meanNumber().doubleValue();
        INDArray scoreGradient = Nd4j.valueArrayOf(new long[] {2 * n, 1}, 1.0 / n, scores.dataType());
        scoreGradient.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).assign(-1.0 / n);
        critic.backward(both, scoreGradient, gradients, false);

        INDArray e = epsilon.reshape(n);
        INDArray interpolate = fake.sub(real);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(interpolate, e.rsub(1.0), interpolate, 2));
        interpolate.addi(real); // ε·real + (1 − ε)·fake
        double penalty = critic.penalty(critic.forward(withMelody(interpolate, melody)), (int) real.size(3),
                gradientPenalty, gradients);
        double loss = fakeMean - realMean + gradientPenalty * penalty;
        return new CriticStep(gradients, loss, realMean - fakeMean, penalty);
    }

    private GeneratorStep generatorInWorkspace(Batch batch, INDArray noise) {
        INDArray melody = hwnc(batch.melody());
        INDArray target = hwnc(batch.parts());
        long n = melody.size(2);
        GridUNet generator = new GridUNet(weights);
        GridUNet.Pass pass = generator.forward(melody, hwnc(noise));
        GridCritic critic = new GridCritic(weights);
        GridCritic.Pass scored = critic.forward(withMelody(pass.tracks(), melody));
        double adversarial = -scored.scores().meanNumber().doubleValue();
        INDArray inputGradient = critic.backward(scored,
                Nd4j.valueArrayOf(new long[] {n, 1}, -1.0 / n, melody.dataType()), null, true);
        INDArray tracks = pass.tracks();
        INDArray tracksGradient = inputGradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(0, tracks.size(3))).dup('c');
        // d/da of tanh: 1 − t²; of the reconstruction (binary cross-entropy on logits 2a, mean): (t − target) / count
        INDArray preGradient = tracksGradient.muli(tracks.mul(tracks).rsubi(1.0))
                .addi(tracks.sub(target).muli(reconstructionWeight / tracks.length()));
        Map<String, INDArray> gradients = new HashMap<>();
        generator.backward(pass, preGradient, gradients);

        INDArray logits = pass.preActivation().mul(2.0);
        double reconstruction = Transforms.softPlus(logits, true).subi(target.add(1.0).muli(0.5).muli(logits))
                .meanNumber().doubleValue();
        Map<String, INDArray[]> statistics = new HashMap<>();
        generator.statistics(pass, statistics);
        return new GeneratorStep(gradients, adversarial + reconstructionWeight * reconstruction,
                reconstruction, statistics);
    }

    private static INDArray withMelody(INDArray tracks, INDArray melody) {
        return Nd4j.concat(3, tracks, melody);
    }

    /** [N, C, H, W] as [H, W, N, C]. */
    private static INDArray hwnc(INDArray nchw) {
        return nchw == null ? null : nchw.permute(2, 3, 0, 1).dup('c');
    }
}
