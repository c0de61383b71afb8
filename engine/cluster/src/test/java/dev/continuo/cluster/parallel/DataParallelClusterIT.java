package dev.continuo.cluster.parallel;

import dev.continuo.cluster.sweep.SweepData;
import dev.continuo.cluster.testing.FixtureCorpus;
import dev.continuo.cluster.testing.LoopbackCluster;
import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.training.GanTrainer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Data-parallel training on a real standalone cluster on loopback: two one-core workers, one share each. */
@Tag("cluster")
class DataParallelClusterIT {

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void twoWorkersReachTheWeightsOfOneProcessOnTheSameGlobalBatch(@TempDir Path dir) throws Exception {
        FixtureCorpus.write(dir.resolve("tunes"), 12);
        TrainingData training = TrainingData.load(dir.resolve("tunes"));
        try (LoopbackCluster cluster = LoopbackCluster.start(dir.resolve("cluster"), 2);
                JavaSparkContext spark = cluster.connect("data-parallel-it")) {
            GanTrainer parallel = new DataParallelTraining(spark, DataParallelTest.plan())
                    .run(SweepData.of(training, true), dir.resolve("checkpoints"), false, DataParallelTest.NO_LISTENER)
                    .trainer();

            DataParallelTest.assertSameWeights(DataParallelTest.oneProcess(DataParallelTest.plan(), training),
                    parallel.weights());
        }
    }
}
