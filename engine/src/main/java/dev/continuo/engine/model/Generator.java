package dev.continuo.engine.model;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The trained generator alone, for inference: BatchNorm on running statistics, any number of steps that is a
 * multiple of {@link Architecture#stepMultiple()}. With pitches as channels, upsampling and BatchNorm are folded
 * into the convolutions ({@link InferenceKernels}). The graph is built once, on the weights as they are then. Not
 * thread-safe.
 */
public final class Generator {

    private static final String MELODY = "melody";
    private static final String NOISE = "noise";
    private static final String OUTPUT = "tracks";

    private final SameDiff graph = SameDiff.create();
    private final boolean hasNoise;

    public Generator(ModelWeights weights) {
        this(weights, weights.architecture().pitchAsChannels());
    }

    /** @param folded fold upsampling and BatchNorm into the convolutions (pitches as channels only) */
    Generator(ModelWeights weights, boolean folded) {
        Architecture a = weights.architecture();
        NetworkBuilder builder = new NetworkBuilder(graph, weights);
        SDVariable melody = graph.placeHolder(MELODY, weights.dataType(), -1, a.melodyChannels(), -1, a.width());
        hasNoise = a.noiseChannels() > 0;
        SDVariable noise = hasNoise
                ? graph.placeHolder(NOISE, weights.dataType(), -1, a.noiseChannels(), -1, a.bottleneckWidth()) : null;
        GeneratorNet.build(builder, a, melody, noise, false, folded).tracks().rename(OUTPUT);
    }

    /**
     * @param melody [N, melodyChannels, steps, width] in {-1, +1}
     * @param noise  [N, noiseChannels, steps / 2^depth, bottleneckWidth] (ignored without noise channels)
     * @return tanh outputs, [N, trackChannels, steps, width]
     */
    public INDArray generate(INDArray melody, INDArray noise) {
        Map<String, INDArray> inputs = hasNoise ? Map.of(MELODY, melody, NOISE, noise) : Map.of(MELODY, melody);
        return graph.output(inputs, OUTPUT).get(OUTPUT);
    }
}
