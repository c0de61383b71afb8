package dev.continuo.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ArchitectureTest {

    @Test
    void deepcomposerHasTheRecipesParameterCounts() {
        // Generator 8,270,852 and critic 2,766,785 trainable values, as the PyTorch reference counts them
        // (BatchNorm running statistics are not parameters).
        ModelWeights weights = ModelWeights.initialize(Architecture.deepcomposer(), 1, DataType.FLOAT);
        assertEquals(8_270_852, weights.parameterCount("g."));
        assertEquals(2_766_785, weights.parameterCount("c."));
    }

    @Test
    void sameSeedSameWeights() {
        Architecture a = Architecture.compact();
        ModelWeights one = ModelWeights.initialize(a, 9, DataType.FLOAT);
        ModelWeights two = ModelWeights.initialize(a, 9, DataType.FLOAT);
        ModelWeights other = ModelWeights.initialize(a, 10, DataType.FLOAT);
        assertEquals(one.get("g.enc0.W"), two.get("g.enc0.W"));
        org.junit.jupiter.api.Assertions.assertNotEquals(one.get("g.enc0.W"), other.get("g.enc0.W"));
    }

    @Test
    void aGeneratorTakenFromAnotherModelKeepsThisModelsCriticAndAnyTrainingWindow() {
        Architecture a = new Architecture("channels", 32, 40, 24, true, 6, 5, 3, 3, true);
        ModelWeights preset = ModelWeights.initialize(a, 1, DataType.FLOAT);
        ModelWeights fresh = ModelWeights.initialize(a.withWindowSteps(64), 2, DataType.FLOAT);
        INDArray critic = fresh.get("c.dense.W").dup();
        fresh.takeGenerator(preset);
        for (String name : preset.generatorArrays().keySet()) {
            assertEquals(preset.get(name), fresh.get(name), name);
        }
        assertEquals(critic, fresh.get("c.dense.W"));

        ModelWeights wider = ModelWeights.initialize(new Architecture("channels", 32, 40, 24, true, 8, 5, 3, 3, true),
                1, DataType.FLOAT);
        assertThrows(IllegalArgumentException.class, () -> fresh.takeGenerator(wider));
    }

    @Test
    void rejectsShapesTheNetworkCannotHalve() {
        assertThrows(IllegalArgumentException.class, () -> new Architecture("x", 24, 0, 64, true, 8, 8, 4, 4, false));
        assertThrows(IllegalArgumentException.class, () -> new Architecture("x", 32, 0, 60, false, 8, 8, 4, 4, false));
        assertThrows(IllegalArgumentException.class, () -> new Architecture("x", 32, 100, 64, true, 8, 8, 4, 4, false));
        assertThrows(IllegalArgumentException.class, () -> Architecture.named("huge"));
    }
}
