package dev.continuo.cluster.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.cluster.testing.FixtureCorpus;
import dev.continuo.cluster.testing.LoopbackCluster;
import dev.continuo.engine.data.TrainingData;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps on a real standalone cluster on loopback: a master and two one-core workers, each in its own JVM. */
@Tag("cluster")
class SweepClusterIT {

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aTwoByTwoSweepFinishesOnTwoWorkersAndPicksTheBest(@TempDir Path dir) throws Exception {
        FixtureCorpus.write(dir.resolve("tunes"), 12);
        SweepData data = SweepData.of(TrainingData.load(dir.resolve("tunes")), true);
        try (LoopbackCluster cluster = LoopbackCluster.start(dir.resolve("cluster"), 2);
                JavaSparkContext spark = cluster.connect("sweep-it")) {
            Sweep.Outcome outcome = new Sweep(spark).run(data, SweepTest.PLAN, SweepTest.grid().settings());
            List<RunResult> results = outcome.results();

            assertEquals(4, results.size());
            assertTrue(results.stream().allMatch(RunResult::finished), results.toString());
            assertEquals(2, results.stream().map(RunResult::executor).distinct().count(),
                    "both workers' executors trained: " + results);
            double top = results.stream().mapToDouble(RunResult::chordAgreement).max().orElseThrow();
            assertEquals(top, outcome.best().orElseThrow().chordAgreement());
            assertTrue(outcome.best().orElseThrow().weights().length > 0, "the best run's preset came back");
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void killingAWorkerMidSweepStillFinishesEveryRun(@TempDir Path dir) throws Exception {
        FixtureCorpus.write(dir.resolve("tunes"), 12);
        SweepData data = SweepData.of(TrainingData.load(dir.resolve("tunes")), true);
        try (LoopbackCluster cluster = LoopbackCluster.start(dir.resolve("cluster"), 2);
                JavaSparkContext spark = cluster.connect("sweep-kill-it")) {
            CompletableFuture<String> firstStart = new CompletableFuture<>();
            spark.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskStart(SparkListenerTaskStart start) {
                    firstStart.complete(start.taskInfo().executorId());
                }
            });
            CompletableFuture<List<RunResult>> sweep = CompletableFuture.supplyAsync(() -> {
                try {
                    return new Sweep(spark).run(data, SweepTest.PLAN, SweepTest.grid().settings()).results();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            String victim = firstStart.get(3, TimeUnit.MINUTES);
            assertTrue(cluster.killWorkerOf(victim), "executor " + victim + " belongs to a worker");

            List<RunResult> results = sweep.get(5, TimeUnit.MINUTES);

            assertEquals(4, results.size());
            assertTrue(results.stream().allMatch(RunResult::finished), results.toString());
            assertTrue(results.stream().anyMatch(r -> r.attempt() > 0),
                    "the run on the killed worker was tried again: " + results);
        }
    }
}
