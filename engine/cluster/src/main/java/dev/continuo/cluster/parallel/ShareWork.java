package dev.continuo.cluster.parallel;

import dev.continuo.cluster.sweep.SweepData;
import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.data.WindowSampler;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.training.ShardGradients;

/** One replica's gradients for one update, on whichever machine it runs. */
final class ShareWork {

    private static long cachedId = -1;
    private static TrainingData cached;

    private ShareWork() {
    }

    /**
     * @param update critic updates 0…ratio-1, then the generator update (ratio)
     */
    static ShareResult compute(TrainingData data, WeightsSnapshot snapshot, ParallelPlan plan, int iteration,
            int update, int share) {
        ModelWeights weights = snapshot.weights(plan.run().model());
        long seed = plan.seed(iteration, update, share);
        WindowSampler sampler = new WindowSampler(data.training(), plan.run().model(), plan.run().sampling(),
                plan.shareBatch(), seed);
        ShardGradients gradients = new ShardGradients(weights, plan.config(), sampler, seed + 1);
        return update < plan.config().updateRatio() ? ShareResult.ofCritic(gradients.critic())
                : ShareResult.ofGenerator(gradients.generator());
    }

    /** The broadcast training data, decoded once per executor JVM and broadcast rather than once per update. */
    static TrainingData decoded(long broadcastId, SweepData data) throws DatasetException {
        synchronized (ShareWork.class) {
            if (cachedId != broadcastId) {
                cached = data.decode();
                cachedId = broadcastId;
            }
            return cached;
        }
    }
}
