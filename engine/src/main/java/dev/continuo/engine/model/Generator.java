package dev.continuo.engine.model;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The trained generator alone, for inference: BatchNorm on running statistics, any number of steps that is a
 * multiple of {@link Architecture#stepMultiple()}. Built once, on the weights as they are then, and rearranged for
 * speed with the same results ({@link GridGenerator}: upsampling and BatchNorm folded into matrix-product
 * convolutions). Not thread-safe.
 */
public final class Generator {

    private static final String MELODY = "melody";
    private static final String NOISE = "noise";
    private static final String OUTPUT = "tracks";

    private final SameDiff graph;
    private final GridGenerator grid;
    private final boolean hasNoise;

    public Generator(ModelWeights weights) {
        this(weights, true);
    }

    /** @param fast rearranged for speed (the default), or the plain SameDiff graph of the architecture */
    Generator(ModelWeights weights, boolean fast) {
        Architecture a = weights.architecture();
        hasNoise = a.noiseChannels() > 0;
        if (fast) {
            graph = null;
            grid = new GridGenerator(weights);
            return;
        }
        graph = SameDiff.create();
        grid = null;
        NetworkBuilder builder = new NetworkBuilder(graph, weights);
        SDVariable melody = graph.placeHolder(MELODY, weights.dataType(), -1, a.melodyChannels(), -1, a.width());
        SDVariable noise = hasNoise
                ? graph.placeHolder(NOISE, weights.dataType(), -1, a.noiseChannels(), -1, a.bottleneckWidth()) : null;
        GeneratorNet.build(builder, a, melody, noise, false).tracks().rename(OUTPUT);
    }

    /**
     * @param melody [N, melodyChannels, steps, width] in {-1, +1}
     * @param noise  [N, noiseChannels, steps / 2^depth, bottleneckWidth] (ignored without noise channels)
     * @return tanh outputs, [N, trackChannels, steps, width]
     */
    public INDArray generate(INDArray melody, INDArray noise) {
        if (grid != null) {
            return grid.generate(melody, hasNoise ? noise : null);
        }
        Map<String, INDArray> inputs = hasNoise ? Map.of(MELODY, melody, NOISE, noise) : Map.of(MELODY, melody);
        return graph.output(inputs, OUTPUT).get(OUTPUT);
    }
}
