package dev.continuo.cluster.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.cluster.sweep.RunPlan;
import dev.continuo.cluster.sweep.SweepData;
import dev.continuo.cluster.testing.FixtureCorpus;
import dev.continuo.cluster.testing.LocalSpark;
import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.model.GradientSteps;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.training.GanTrainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class DataParallelTest {

    /** For the runs whose checkpoints only the weights matter of. */
    static final DataParallelTraining.CheckpointListener NO_LISTENER = (trainer, iteration, seconds, losses) -> { };

    /** Two iterations of the compact networks on one-bar windows, batch 8 in two shares, two critic updates. */
    static ParallelPlan plan() {
        return plan(2);
    }

    private static ParallelPlan plan(int iterations) {
        LinkedHashMap<String, String> setting = new LinkedHashMap<>(Map.of("batch", "8", "update-ratio", "2"));
        return new ParallelPlan(new RunPlan("parallel", "compact", 16, true, 0.3, iterations, 1), setting, 2);
    }

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void twoReplicasOnSparkReachTheWeightsOfOneProcessAveragingTheSameShares(@TempDir Path dir) throws Exception {
        FixtureCorpus.write(dir.resolve("tunes"), 12);
        TrainingData training = TrainingData.load(dir.resolve("tunes"));
        SweepData data = SweepData.of(training, true);

        GanTrainer parallel = new DataParallelTraining(spark, plan()).run(data, dir.resolve("checkpoints"), false,
                NO_LISTENER).trainer();

        assertSameWeights(oneProcess(plan(), training), parallel.weights());
        ModelWeights initial = ModelWeights.initialize(plan().run().model(), 1, DataType.FLOAT);
        double moved = initial.all().entrySet().stream().mapToDouble(e -> e.getValue()
                .sub(parallel.weights().get(e.getKey())).amaxNumber().doubleValue()).max().orElseThrow();
        assertTrue(moved > 1e-4, "training moved the weights: " + moved);
    }

    @Test
    void aRunResumedFromItsCheckpointEndsWithTheWeightsOfOneWithoutAStop(@TempDir Path dir) throws Exception {
        FixtureCorpus.write(dir.resolve("tunes"), 12);
        SweepData data = SweepData.of(TrainingData.load(dir.resolve("tunes")), true);
        Path checkpoints = dir.resolve("checkpoints");

        new DataParallelTraining(spark, plan(1)).run(data, checkpoints, false, NO_LISTENER);
        GanTrainer resumed = new DataParallelTraining(spark, plan(2)).run(data, checkpoints, true, NO_LISTENER)
                .trainer();

        GanTrainer straight = new DataParallelTraining(spark, plan(2)).run(data, dir.resolve("other"), false,
                NO_LISTENER)
                .trainer();
        assertEquals(2, resumed.iterations());
        assertSameWeights(straight.weights(), resumed.weights());
    }

    /**
     * The reference: one process computing every share's gradients in turn at the same weights and applying their
     * mean.
     */
    static ModelWeights oneProcess(ParallelPlan plan, TrainingData training) {
        GanTrainer trainer = new GanTrainer(ModelWeights.initialize(plan.run().model(), plan.config().seed(),
                DataType.FLOAT), plan.config());
        for (int iteration = 0; iteration < plan.run().iterations(); iteration++) {
            int at = iteration;
            trainer.iterate(new GanTrainer.UpdateSource() {
                @Override
                public GradientSteps.CriticStep critic(int update) {
                    return sum(update).meanCritic();
                }

                @Override
                public GradientSteps.GeneratorStep generator() {
                    return sum(plan.config().updateRatio()).meanGenerator();
                }

                private ShareResult sum(int update) {
                    WeightsSnapshot snapshot = WeightsSnapshot.of(trainer.weights());
                    ShareResult sum = ShareWork.compute(training, snapshot, plan, at, update, 0);
                    for (int share = 1; share < plan.shares(); share++) {
                        sum = sum.plus(ShareWork.compute(training, snapshot, plan, at, update, share));
                    }
                    return sum;
                }
            });
        }
        return trainer.weights();
    }

    static void assertSameWeights(ModelWeights expected, ModelWeights actual) {
        assertEquals(expected.all().keySet(), actual.all().keySet());
        for (Map.Entry<String, INDArray> entry : expected.all().entrySet()) {
            double difference = entry.getValue().sub(actual.get(entry.getKey())).amaxNumber().doubleValue();
            assertTrue(difference < 1e-5, entry.getKey() + " differs by " + difference);
        }
    }
}
