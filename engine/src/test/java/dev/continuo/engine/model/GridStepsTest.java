package dev.continuo.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The hand-written grid-layout gradients against SameDiff's automatic differentiation of the same losses. */
class GridStepsTest {

    /**
     * With noise and without; with batches of 8, the wide layers take the row-by-row products and the narrow ones the
     * whole-grid ones.
     */
    static List<Architecture> architectures() {
        return List.of(new Architecture("grid", 16, 32, 64, false, 4, 3, 3, 2, false),
                new Architecture("grid-no-noise", 16, 32, 64, false, 4, 3, 3, 0, false),
                new Architecture("channels", 32, 40, 24, true, 6, 5, 3, 3, true));
    }

    private static final double GRADIENT_PENALTY = 10;
    private static final double RECONSTRUCTION_WEIGHT = 5;

    private static INDArray roll(long... shape) {
        return Nd4j.rand(DataType.FLOAT, shape).gt(0.7).castTo(DataType.FLOAT).muli(2).subi(1);
    }

    private static Batch batch(Architecture a, int n) {
        return new Batch(roll(n, a.melodyChannels(), a.windowSteps(), a.width()),
                roll(n, a.trackChannels(), a.windowSteps(), a.width()));
    }

    private static INDArray noise(Architecture a, int n) {
        return a.noiseChannels() == 0 ? null : Nd4j.randn(DataType.FLOAT, n, a.noiseChannels(),
                a.windowSteps() >> a.depth(), a.bottleneckWidth());
    }

    /** Weights away from their initial values, so every term of every gradient matters. */
    private static ModelWeights weights(Architecture a) {
        ModelWeights weights = ModelWeights.initialize(a, 5, DataType.FLOAT);
        weights.all().forEach((name, array) -> {
            if (name.endsWith(".b") || name.endsWith(".beta")) {
                array.assign(Nd4j.randn(DataType.FLOAT, array.shape()).muli(0.2));
            } else if (name.endsWith(".gamma")) {
                array.assign(Nd4j.rand(DataType.FLOAT, array.shape()).addi(0.5));
            }
        });
        return weights;
    }

    /** Weights, a batch of 8 and noise for one comparison, drawn from a seeded ND4J generator. */
    private record Inputs(ModelWeights weights, Batch batch, INDArray noise) {
    }

    private static Inputs inputs(Architecture a, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new Inputs(weights(a), batch(a, 8), noise(a, 8));
    }

    private static void assertSameGradients(Map<String, INDArray> expected, Map<String, INDArray> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, reference) -> {
            INDArray mine = actual.get(name);
            assertEquals(java.util.Arrays.toString(reference.shape()), java.util.Arrays.toString(mine.shape()), name);
            double scale = reference.amaxNumber().doubleValue();
            double worst = reference.sub(mine).amaxNumber().doubleValue();
            assertTrue(worst <= 1e-3 * scale + 1e-6, name + ": largest difference " + worst + " of " + scale);
        });
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void criticGradientsMatchSameDiff(Architecture a) {
        Inputs in = inputs(a, 21);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 8, 1, 1, 1);
        GradientSteps.CriticStep expected = new SameDiffSteps(in.weights(), GRADIENT_PENALTY, RECONSTRUCTION_WEIGHT).critic(in.batch(), in.noise(),
                epsilon);
        GradientSteps.CriticStep actual = new GridSteps(in.weights(), GRADIENT_PENALTY, RECONSTRUCTION_WEIGHT).critic(in.batch(), in.noise(), epsilon);
        assertEquals(expected.loss(), actual.loss(), 1e-4 * Math.abs(expected.loss()));
        assertEquals(expected.wasserstein(), actual.wasserstein(), 1e-4);
        assertEquals(expected.penalty(), actual.penalty(), 1e-4 * expected.penalty());
        assertTrue(expected.penalty() > 0.01, "the penalty term is exercised");
        assertSameGradients(expected.gradients(), actual.gradients());
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void generatorGradientsAndStatisticsMatchSameDiff(Architecture a) {
        Inputs in = inputs(a, 22);
        GradientSteps.GeneratorStep expected = new SameDiffSteps(in.weights(), GRADIENT_PENALTY, RECONSTRUCTION_WEIGHT).generator(in.batch(),
                in.noise());
        GradientSteps.GeneratorStep actual = new GridSteps(in.weights(), GRADIENT_PENALTY, RECONSTRUCTION_WEIGHT).generator(in.batch(), in.noise());
        assertEquals(expected.loss(), actual.loss(), 1e-4 * Math.abs(expected.loss()));
        assertEquals(expected.reconstruction(), actual.reconstruction(), 1e-5);
        assertSameGradients(expected.gradients(), actual.gradients());
        assertEquals(expected.statistics().keySet(), actual.statistics().keySet());
        expected.statistics().forEach((prefix, meanAndVariance) -> {
            for (int i = 0; i < 2; i++) {
                INDArray mine = actual.statistics().get(prefix)[i].reshape(meanAndVariance[i].shape());
                assertTrue(meanAndVariance[i].equalsWithEps(mine, 1e-4), prefix + " statistics");
            }
        });
    }
}
