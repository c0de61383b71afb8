package dev.continuo.cluster.parallel;

import dev.continuo.cluster.sweep.SweepData;
import dev.continuo.engine.model.GradientSteps;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.training.GanTrainer;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel gradients on Spark: before each update the driver broadcasts the weights, each of
 * {@link ParallelPlan#shares()} tasks computes the gradients on its share of the batch ({@link ShareWork}), and
 * Spark's tree reduction sums them on the way back; the driver's {@link GanTrainer} applies the mean. A task lost
 * with its executor is computed again elsewhere (its draws depend only on the iteration, update and share), so a
 * lost executor costs that one task, not the run.
 */
public final class DataParallelGradients implements GanTrainer.UpdateSource {

    private final JavaSparkContext spark;
    private final Broadcast<SweepData> data;
    private final ParallelPlan plan;
    private final ModelWeights weights;
    private final JavaRDD<Integer> shares;
    private int iteration;

    /**
     * @param weights the trainer's weights, read before each update
     * @param data    the broadcast training data
     */
    public DataParallelGradients(JavaSparkContext spark, Broadcast<SweepData> data, ParallelPlan plan,
            ModelWeights weights) {
        this.spark = spark;
        this.data = data;
        this.plan = plan;
        this.weights = weights;
        List<Integer> indices = IntStream.range(0, plan.shares()).boxed().toList();
        this.shares = spark.parallelize(indices, plan.shares());
    }

    /** Sets the iteration the coming updates belong to (from 0). */
    public void startIteration(int iteration) {
        this.iteration = iteration;
    }

    @Override
    public GradientSteps.CriticStep critic(int update) {
        return reduce(update).meanCritic();
    }

    @Override
    public GradientSteps.GeneratorStep generator() {
        return reduce(plan.config().updateRatio()).meanGenerator();
    }

    private ShareResult reduce(int update) {
        Broadcast<WeightsSnapshot> snapshot = spark.broadcast(WeightsSnapshot.of(weights));
        Broadcast<SweepData> corpus = data;
        ParallelPlan shared = plan;
        int at = iteration;
        try {
            return shares.map(share -> ShareWork.compute(ShareWork.decoded(corpus.id(), corpus.value()),
                    snapshot.value(), shared, at, update, share)).treeReduce(ShareResult::plus);
        } finally {
            snapshot.destroy();
        }
    }
}
