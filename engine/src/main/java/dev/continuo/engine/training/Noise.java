package dev.continuo.engine.training;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Standard normal noise from a seeded Java generator, so results never depend on ND4J's global random state. */
final class Noise {

    private Noise() {
    }

    static INDArray gaussian(Random random, DataType dataType, long... shape) {
        long length = 1;
        for (long dim : shape) {
            length *= dim;
        }
        float[] values = new float[(int) length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, shape, 'c').castTo(dataType);
    }
}
