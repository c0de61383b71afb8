package dev.continuo.engine.training;

import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.model.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/** Adam (ND4J's updater) over a named set of shared parameter arrays, updating them in place. */
final class AdamStep {

    private final Map<String, INDArray> parameters = new LinkedHashMap<>();
    private final Map<String, AdamUpdater> updaters = new LinkedHashMap<>();
    private int iteration;

    AdamStep(ModelWeights weights, List<String> names, TrainingConfig config) {
        Adam adam = new Adam(config.learningRate(), config.beta1(), config.beta2(), Adam.DEFAULT_ADAM_EPSILON);
        for (String name : names) {
            INDArray parameter = weights.get(name);
            AdamUpdater updater = new AdamUpdater(adam);
            updater.setState(Map.of(AdamUpdater.M_STATE, parameter.ulike().assign(0),
                    AdamUpdater.V_STATE, parameter.ulike().assign(0)), false);
            parameters.put(name, parameter);
            updaters.put(name, updater);
        }
    }

    /** Applies one update; the gradient arrays are consumed (overwritten). */
    void apply(Map<String, INDArray> gradients) {
        for (Map.Entry<String, INDArray> entry : parameters.entrySet()) {
            INDArray gradient = gradients.get(entry.getKey());
            updaters.get(entry.getKey()).applyUpdater(gradient, iteration, 0);
            entry.getValue().subi(gradient);
        }
        iteration++;
    }

    /** Number of updates applied. */
    int iteration() {
        return iteration;
    }

    /** The moment estimates, by "name/M" and "name/V", shared, for checkpoints. */
    Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        updaters.forEach((name, updater) -> {
            state.put(name + "/M", updater.getM());
            state.put(name + "/V", updater.getV());
        });
        return state;
    }

    /** Restores moments and the update count saved by {@link #state()}. */
    void restore(Map<String, INDArray> state, int iterations) {
        updaters.forEach((name, updater) -> {
            updater.getM().assign(state.get(name + "/M"));
            updater.getV().assign(state.get(name + "/V"));
        });
        this.iteration = iterations;
    }
}
