package dev.continuo.cluster.parallel;

import dev.continuo.cluster.sweep.SweepData;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.training.Checkpoint;
import dev.continuo.engine.training.GanTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleSupplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model data-parallel on Spark ({@link DataParallelGradients}): the driver holds the weights and both
 * optimizers, and writes a checkpoint every {@code checkpointEvery} iterations, so that losing the driver costs at
 * most one checkpoint interval and losing an executor one task.
 */
public final class DataParallelTraining {

    private static final Logger LOG = LoggerFactory.getLogger(DataParallelTraining.class);

    /**
     * A finished run.
     *
     * @param trainer the trainer, its weights trained
     * @param seconds training time, resumed runs included
     */
    public record Result(GanTrainer trainer, double seconds) {
    }

    /** Hears of each checkpoint; on the driver's training thread. */
    public interface CheckpointListener {
        /**
         * Called just before checkpoint {@code iteration} is written.
         *
         * @param trainer the trainer, its weights as they are now
         * @param seconds training time so far, resumed runs included, read when asked (so that it can count
         *                what the listener did before)
         */
        void checkpointing(GanTrainer trainer, int iteration, DoubleSupplier seconds,
                GanTrainer.IterationLosses losses) throws IOException;
    }

    private final JavaSparkContext spark;
    private final ParallelPlan plan;

    public DataParallelTraining(JavaSparkContext spark, ParallelPlan plan) {
        this.spark = spark;
        this.plan = plan;
    }

    /**
     * Runs to the plan's iteration count.
     *
     * @param checkpoints the checkpoint folder
     * @param resume      continue from its checkpoint if it holds one
     * @param listener    told of each checkpoint before it is written
     */
    public Result run(SweepData data, Path checkpoints, boolean resume, CheckpointListener listener)
            throws IOException, CorruptWeightsException {
        ModelWeights weights = ModelWeights.initialize(plan.run().model(), plan.config().seed(), DataType.FLOAT);
        GanTrainer trainer = new GanTrainer(weights, plan.config());
        int iteration = 0;
        double previousSeconds = 0;
        if (resume && Checkpoint.exists(checkpoints)) {
            Checkpoint checkpoint = Checkpoint.read(checkpoints);
            trainer.restore(Checkpoint.readState(checkpoints), checkpoint.iteration());
            iteration = checkpoint.iteration();
            previousSeconds = checkpoint.seconds();
            LOG.info("Resuming from iteration {} ({})", iteration, checkpoints);
        }
        Broadcast<SweepData> shared = spark.broadcast(data);
        double seconds = previousSeconds;
        try {
            DataParallelGradients gradients = new DataParallelGradients(spark, shared, plan, weights);
            long start = System.nanoTime();
            double resumedSeconds = previousSeconds;
            DoubleSupplier clock = () -> resumedSeconds + (System.nanoTime() - start) / 1e9;
            while (iteration < plan.run().iterations()) {
                gradients.startIteration(iteration);
                GanTrainer.IterationLosses losses = trainer.iterate(gradients);
                iteration++;
                seconds = clock.getAsDouble();
                LOG.debug("iteration {}: {} ({} s)", iteration, losses, seconds);
                if (iteration % plan.run().checkpointEvery() == 0 || iteration == plan.run().iterations()) {
                    listener.checkpointing(trainer, iteration, clock, losses);
                    seconds = clock.getAsDouble();
                    new Checkpoint(iteration, seconds).write(checkpoints, trainer.state());
                    LOG.info("Iteration {} of {} ({} s): checkpoint in {}", iteration, plan.run().iterations(),
                            Math.round(seconds), checkpoints);
                }
            }
        } finally {
            shared.destroy();
        }
        return new Result(trainer, seconds);
    }
}
