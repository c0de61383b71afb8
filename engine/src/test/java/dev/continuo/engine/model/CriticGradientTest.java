package dev.continuo.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The critic's hand-written input gradient and the gradient penalty's weight gradients, against finite differences. */
class CriticGradientTest {

    private static final double H = 1e-6;

    private ModelWeights weights;
    private SameDiff sd;
    private Map<String, INDArray> inputs;

    /** A tiny critic of either layout, in double precision, with a penalty on its input gradient. */
    private void build(boolean pitchAsChannels) {
        Architecture tiny = new Architecture("tiny", 8, 60, 8, pitchAsChannels, 2, 3, 2, 2, false);
        weights = ModelWeights.initialize(tiny, 42, DataType.DOUBLE);
        sd = SameDiff.create();
        NetworkBuilder builder = new NetworkBuilder(sd, weights);
        int width = tiny.width();
        SDVariable tracks = sd.placeHolder("tracks", DataType.DOUBLE, -1, tiny.trackChannels(), 8, width);
        SDVariable melody = sd.placeHolder("melody", DataType.DOUBLE, -1, tiny.melodyChannels(), 8, width);
        CriticNet.Pass pass = CriticNet.build(builder, tiny, tracks, melody);
        SDVariable inputGradient = CriticNet.inputGradient(builder, tiny, pass);
        Nd4j.getRandom().setSeed(7);
        inputs = Map.of("tracks", Nd4j.rand(DataType.DOUBLE, 2, tiny.trackChannels(), 8, width).muli(2).subi(1),
                "melody", Nd4j.rand(DataType.DOUBLE, 2, tiny.melodyChannels(), 8, width).muli(2).subi(1));
        pass.score().rename("score");
        inputGradient.rename("inputGradient");
        SDVariable trackGradient = inputGradient.get(SDIndex.all(), SDIndex.interval(0, tiny.trackChannels()));
        SDVariable norms = sd.math().sqrt(trackGradient.mul(trackGradient).sum(1, 2, 3).add(1e-8));
        SDVariable penalty = norms.sub(1).mul(norms.sub(1)).mean();
        penalty.rename("penalty");
        sd.setLossVariables("penalty");
    }

    @ParameterizedTest(name = "pitch as channels: {0}")
    @ValueSource(booleans = {false, true})
    void inputGradientMatchesFiniteDifferences(boolean pitchAsChannels) {
        build(pitchAsChannels);
        INDArray analytic = sd.output(inputs, "inputGradient").get("inputGradient");
        INDArray x = inputs.get("tracks");
        long[] shape = x.shape();
        int[][] probes = {{0, 0, 0, 0}, {0, 3, 7, (int) shape[3] - 1}, {1, 2, 4, 0}, {1, (int) shape[1] - 1, 3, 0}};
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

    @ParameterizedTest(name = "pitch as channels: {0}")
    @ValueSource(booleans = {false, true})
    void penaltyWeightGradientsMatchFiniteDifferences(boolean pitchAsChannels) {
        build(pitchAsChannels);
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
