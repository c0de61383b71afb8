package dev.continuo.cluster.parallel;

import dev.continuo.cluster.sweep.Hyperparameters;
import dev.continuo.cluster.sweep.RunPlan;
import dev.continuo.engine.model.TrainingConfig;
import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What every replica of a data-parallel run shares.
 *
 * @param run     the model, sampling and length, as for a sweep's runs
 * @param setting the hyperparameters that differ from train's defaults ({@link Hyperparameters})
 * @param shares  replicas per update; the global batch is split evenly among them
 */
public record ParallelPlan(RunPlan run, LinkedHashMap<String, String> setting, int shares) implements Serializable {

    /**
     * @throws IllegalArgumentException in one line if the batch does not split evenly into the shares
     */
    public ParallelPlan {
        int batch = Hyperparameters.config(setting).batchSize();
        if (shares < 1 || batch % shares != 0) {
            throw new IllegalArgumentException("--shares must divide the batch of " + batch + " evenly: " + shares);
        }
    }

    public TrainingConfig config() {
        return Hyperparameters.config(setting);
    }

    /** Windows per replica and update. */
    int shareBatch() {
        return config().batchSize() / shares;
    }

    /**
     * The seed of one replica's draws for one update: different for every iteration, update and replica, the same
     * wherever the replica runs.
     *
     * @param update critic updates 0…ratio-1, then the generator update (ratio)
     */
    long seed(int iteration, int update, int share) {
        long step = (long) iteration * (config().updateRatio() + 1) + update;
        return config().seed() * 0x9E3779B97F4A7C15L + step * 1_000_003L + share * 7_919L;
    }
}
