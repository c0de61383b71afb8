package dev.continuo.engine.model;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reference for {@link Generator} in tests: the plain SameDiff graph of the generator ({@link GeneratorNet}),
 * BatchNorm on running statistics, without any of the rearrangements for speed.
 */
final class SameDiffGenerator {

    private static final String MELODY = "melody";
    private static final String NOISE = "noise";
    private static final String OUTPUT = "tracks";

    private final SameDiff graph = SameDiff.create();
    private final boolean hasNoise;

    SameDiffGenerator(ModelWeights weights) {
        Architecture a = weights.architecture();
        hasNoise = a.noiseChannels() > 0;
        NetworkBuilder builder = new NetworkBuilder(graph, weights);
        SDVariable melody = graph.placeHolder(MELODY, weights.dataType(), -1, a.melodyChannels(), -1, a.width());
        SDVariable noise = hasNoise
                ? graph.placeHolder(NOISE, weights.dataType(), -1, a.noiseChannels(), -1, a.bottleneckWidth()) : null;
        GeneratorNet.build(builder, a, melody, noise, false).tracks().rename(OUTPUT);
    }

    /** As {@link Generator#generate}. */
    INDArray generate(INDArray melody, INDArray noise) {
        Map<String, INDArray> inputs = hasNoise ? Map.of(MELODY, melody, NOISE, noise) : Map.of(MELODY, melody);
        return graph.output(inputs, OUTPUT).get(OUTPUT);
    }
}
