package dev.continuo.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.engine.testing.TinyModels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FoldedGeneratorTest {

    /** Weights with BatchNorm statistics and biases far from their initial values, so folding them matters. */
    private static ModelWeights trainedLooking(Architecture a) {
        ModelWeights weights = ModelWeights.initialize(a, 3, DataType.FLOAT);
        Nd4j.getRandom().setSeed(11);
        weights.all().forEach((name, array) -> {
            if (name.endsWith(".var")) {
                array.assign(Nd4j.rand(DataType.FLOAT, array.shape()).addi(0.2));
            } else if (name.endsWith(".mean") || name.endsWith(".beta") || name.endsWith(".b")) {
                array.assign(Nd4j.randn(DataType.FLOAT, array.shape()).muli(0.3));
            } else if (name.endsWith(".gamma")) {
                array.assign(Nd4j.rand(DataType.FLOAT, array.shape()).addi(0.5));
            }
        });
        return weights;
    }

    /** The presets' pitches-as-channels layout, with noise and without. */
    static List<Architecture> channelLayouts() {
        Architecture tiny = TinyModels.architecture();
        return List.of(tiny, new Architecture("tiny-no-noise", tiny.windowSteps(), tiny.lowestPitch(),
                tiny.pitchCount(), true, tiny.baseFilters(), tiny.criticFilters(), tiny.depth(), 0, true));
    }

    @ParameterizedTest
    @MethodSource("channelLayouts")
    void foldedInferenceGivesTheSameOutputsAsUpsamplingThenConvolving(Architecture a) {
        ModelWeights weights = trainedLooking(a);
        for (int steps : new int[] {a.stepMultiple(), 48, 128}) {
            INDArray melody = Nd4j.rand(DataType.FLOAT, 3, a.melodyChannels(), steps, a.width()).gt(0.8)
                    .castTo(DataType.FLOAT).muli(2).subi(1);
            INDArray noise = a.noiseChannels() == 0 ? null : Nd4j.randn(DataType.FLOAT, 3, a.noiseChannels(),
                    steps / a.stepMultiple(), a.bottleneckWidth());
            INDArray reference = new SameDiffGenerator(weights).generate(melody, noise);
            INDArray folded = new Generator(weights).generate(melody, noise);
            assertArrayEquals(reference.shape(), folded.shape());
            double worst = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(
                    reference.sub(folded))).getDouble(0);
            assertEquals(0, worst, 2e-5, steps + " steps: largest difference " + worst);
        }
    }

    @Test
    void theGridLayoutsGemmPathGivesTheSameOutputsAsItsGraph() {
        Architecture a = new Architecture("grid", 16, 48, 32, false, 4, 4, 3, 2, false);
        ModelWeights weights = trainedLooking(a);
        for (int steps : new int[] {8, 32}) {
            INDArray melody = Nd4j.rand(DataType.FLOAT, 2, 1, steps, a.width()).gt(0.8).castTo(DataType.FLOAT)
                    .muli(2).subi(1);
            INDArray noise = Nd4j.randn(DataType.FLOAT, 2, a.noiseChannels(), steps / a.stepMultiple(),
                    a.bottleneckWidth());
            INDArray reference = new SameDiffGenerator(weights).generate(melody, noise);
            INDArray fast = new Generator(weights).generate(melody, noise);
            assertArrayEquals(reference.shape(), fast.shape());
            double worst = reference.sub(fast).amaxNumber().doubleValue();
            assertEquals(0, worst, 2e-5, steps + " steps: largest difference " + worst);
        }
    }
}
