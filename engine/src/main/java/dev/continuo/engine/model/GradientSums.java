package dev.continuo.engine.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Weight gradients by name, summed over every place a weight is used. */
final class GradientSums {

    private GradientSums() {
    }

    /** Adds a gradient to the one of that name, or records it if it is the first. */
    static void accumulate(Map<String, INDArray> gradients, String name, INDArray gradient) {
        gradients.merge(name, gradient, INDArray::addi);
    }
}
