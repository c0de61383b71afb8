package dev.continuo.cluster.parallel;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.ModelWeights;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights as plain float arrays, to broadcast to the replicas before each update.
 *
 * @param values every array's values in C order, by name
 * @param shapes every array's shape, by name
 */
record WeightsSnapshot(LinkedHashMap<String, float[]> values, LinkedHashMap<String, long[]> shapes)
        implements Serializable {

    static WeightsSnapshot of(ModelWeights weights) {
        LinkedHashMap<String, float[]> values = new LinkedHashMap<>();
        LinkedHashMap<String, long[]> shapes = new LinkedHashMap<>();
        weights.all().forEach((name, array) -> {
            values.put(name, array.dup('c').data().asFloat());
            shapes.put(name, array.shape());
        });
        return new WeightsSnapshot(values, shapes);
    }

    /** The weights back, on a replica. */
    ModelWeights weights(Architecture architecture) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        values.forEach((name, data) -> arrays.put(name, Nd4j.create(data, shapes.get(name), 'c')));
        return ModelWeights.of(architecture, arrays);
    }
}
