package dev.continuo.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The critic's hand-written input gradient and the gradient penalty's weight gradients, against finite differences. */
class CriticGradientTest {

    private static final Architecture TINY = new Architecture("tiny", 8, 60, 8, 2, 3, 2, 2);
    private static final double H = 1e-6;

    private final ModelWeights weights = ModelWeights.initialize(TINY, 42, DataType.DOUBLE);
    private final SameDiff sd = SameDiff.create();
    private final NetworkBuilder builder = new NetworkBuilder(sd, weights);
    private final SDVariable tracks = sd.placeHolder("tracks", DataType.DOUBLE, -1, 4, 8, 8);
    private final SDVariable melody = sd.placeHolder("melody", DataType.DOUBLE, -1, 1, 8, 8);
    private final CriticNet.Pass pass = CriticNet.build(builder, TINY, tracks, melody);
    private final SDVariable inputGradient = CriticNet.inputGradient(builder, TINY, pass);
    private final Map<String, INDArray> inputs;

    CriticGradientTest() {
        Nd4j.getRandom().setSeed(7);
        inputs = Map.of("tracks", Nd4j.rand(DataType.DOUBLE, 2, 4, 8, 8).muli(2).subi(1),
                "melody", Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8).muli(2).subi(1));
        pass.score().rename("score");
        inputGradient.rename("inputGradient");
        SDVariable trackGradient = inputGradient.get(SDIndex.all(), SDIndex.interval(0, 4));
        SDVariable norms = sd.math().sqrt(trackGradient.mul(trackGradient).sum(1, 2, 3).add(1e-8));
        SDVariable penalty = norms.sub(1).mul(norms.sub(1)).mean();
        penalty.rename("penalty");
        sd.setLossVariables("penalty");
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        INDArray analytic = sd.output(inputs, "inputGradient").get("inputGradient");
        INDArray x = inputs.get("tracks");
        int[][] probes = {{0, 0, 0, 0}, {0, 3, 7, 7}, {1, 2, 4, 1}, {1, 1, 3, 6}};
        for (int[] p : probes) {
            double original = x.getDouble(p[0], p[1], p[2], p[3]);
            x.putScalar(new long[] {p[0], p[1], p[2], p[3]}, original + H);
            double up = score(p[0]);
            x.putScalar(new long[] {p[0], p[1], p[2], p[3]}, original - H);
            double down = score(p[0]);
            x.putScalar(new long[] {p[0], p[1], p[2], p[3]}, original);
            assertEquals((up - down) / (2 * H), analytic.getDouble(p[0], p[1], p[2], p[3]), 1e-7,
                    () -> "d score / d input at " + java.util.Arrays.toString(p));
        }
    }

    @Test
    void penaltyWeightGradientsMatchFiniteDifferences() {
        Map<String, INDArray> gradients = sd.calculateGradients(inputs, weights.criticParameters());
        for (String name : weights.criticParameters()) {
            INDArray w = weights.get(name);
            INDArray g = gradients.get(name);
            for (long i : new long[] {0, w.length() / 2, w.length() - 1}) {
                double original = w.getDouble(i);
                w.putScalar(i, original + H);
                double up = penalty();
                w.putScalar(i, original - H);
                double down = penalty();
                w.putScalar(i, original);
                assertEquals((up - down) / (2 * H), g.getDouble(i), 1e-6, name + "[" + i + "]");
            }
        }
    }

    private double score(int sample) {
        return sd.output(inputs, "score").get("score").getDouble(sample, 0);
    }

    private double penalty() {
        return sd.output(inputs, "penalty").get("penalty").getDouble(0);
    }
}
