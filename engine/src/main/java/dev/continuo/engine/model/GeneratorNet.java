package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/** Adds the U-Net generator (see {@link Architecture}) to a graph. */
final class GeneratorNet {

    /** A BatchNorm layer's batch statistics in a training graph, to update its running statistics from. */
    record BatchStatistics(String prefix, SDVariable mean, SDVariable variance) {
    }

    /**
     * The generator's output: {@code tracks} = tanh({@code preActivation}), [N, trackChannels, steps, width], and, when
     * training, its batch statistics.
     */
    record Output(SDVariable tracks, SDVariable preActivation, List<BatchStatistics> statistics) {
    }

    private GeneratorNet() {
    }

    /**
     * @param melody   [N, melodyChannels, steps, width] in {-1, +1} (see {@link Architecture})
     * @param noise    [N, noiseChannels, steps / 2^depth, bottleneckWidth], or null if there is no noise
     * @param training BatchNorm on batch statistics (true) or running statistics (false)
     */
    static Output build(NetworkBuilder b, Architecture a, SDVariable melody, SDVariable noise, boolean training) {
        List<BatchStatistics> statistics = new ArrayList<>();
        List<SDVariable> skips = new ArrayList<>();
        SDVariable x = melody;
        for (int i = 0; i < a.depth(); i++) {
            String prefix = "g.enc" + i;
            x = b.leakyRelu(b.conv(x, prefix, 2));
            if (i > 0) {
                x = normalize(b, x, prefix, training, statistics);
            }
            skips.add(x);
        }
        if (noise != null) {
            x = b.sameDiff().concat(1, x, noise);
        }
        for (int i = a.depth() - 2; i >= 0; i--) {
            String prefix = "g.dec" + i;
            x = normalize(b, b.conv(b.upsample(x), prefix, 1), prefix, training, statistics);
            x = b.sameDiff().nn().relu(x, 0);
            x = b.sameDiff().concat(1, x, skips.get(i));
        }
        x = b.conv(b.upsample(x), "g.out", 1);
        return new Output(b.sameDiff().nn().tanh(x), x, statistics);
    }

    private static SDVariable normalize(NetworkBuilder b, SDVariable x, String prefix, boolean training,
            List<BatchStatistics> statistics) {
        if (!training) {
            return b.batchNormInference(x, prefix);
        }
        SDVariable[] normalized = b.batchNormTraining(x, prefix);
        statistics.add(new BatchStatistics(prefix, normalized[1], normalized[2]));
        return normalized[0];
    }
}
