package dev.continuo.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch of training windows in the model's layout (see {@link Architecture}), values in {-1, +1}.
 *
 * @param melody [N, melodyChannels, steps, width]
 * @param parts  [N, trackChannels, steps, width]: the real parts that go with the melody
 */
public record Batch(INDArray melody, INDArray parts) {
}
