package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/** The reference for tests: adds the U-Net generator (its {@link UNetLayout}) to a SameDiff graph. */
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
        UNetLayout layout = UNetLayout.of(a);
        List<SDVariable> skips = new ArrayList<>();
        SDVariable x = melody;
        for (UNetLayout.Block block : layout.encoder()) {
            x = b.leakyRelu(b.conv(x, block.name(), 2));
            if (block.batchNorm()) {
                x = normalize(b, x, block.name(), training, statistics);
            }
            skips.add(x);
        }
        if (noise != null) {
            x = b.sameDiff().concat(1, x, noise);
        }
        for (UNetLayout.Block block : layout.decoder()) {
            if (block.skip() != UNetLayout.NO_SKIP) {
                x = b.sameDiff().concat(1, x, skips.get(block.skip()));
            }
            x = b.conv(b.upsample(x), block.name(), 1);
            if (block.batchNorm()) {
                x = b.sameDiff().nn().relu(normalize(b, x, block.name(), training, statistics), 0);
            }
        }
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
