package dev.continuo.cluster.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep on a Spark cluster: the data is broadcast once, and each setting is one Spark job of one task, all
 * submitted at once so that the cluster runs as many side by side as it has cores. A task whose executor is lost is
 * run again by Spark (up to {@code spark.task.maxFailures} tries); a setting whose job Spark gives up on comes back
 * {@link RunResult.Status#LOST} with Spark's reason, and the other settings still finish. Every setting gets a
 * result. Only the best preset so far is kept on the driver, so a long sweep of large models needs the memory of
 * one preset, not of all. One sweep at a time per instance.
 */
public final class Sweep {

    /**
     * A sweep's results.
     *
     * @param results every setting's result in grid order, without preset files
     * @param best    the best finished run ({@link #best}) with its preset files, if any run finished
     */
    public record Outcome(List<RunResult> results, Optional<RunResult> best) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);

    private final JavaSparkContext spark;
    private RunResult leader;

    public Sweep(JavaSparkContext spark) {
        this.spark = spark;
    }

    /** Runs every setting. */
    public Outcome run(SweepData data, RunPlan plan, List<Map<String, String>> settings)
            throws InterruptedException {
        leader = null;
        Broadcast<SweepData> shared = spark.broadcast(data);
        SweepTask task = new SweepTask(shared, plan);
        ExecutorService submitters = Executors.newFixedThreadPool(settings.size(), runnable -> {
            Thread thread = new Thread(runnable, "continuo-sweep-submit");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RunResult>> pending = new ArrayList<>();
            for (int i = 0; i < settings.size(); i++) {
                RunSetting setting = new RunSetting(i, new LinkedHashMap<>(settings.get(i)));
                pending.add(submitters.submit(() -> {
                    spark.setJobDescription("sweep run " + setting.run() + " " + setting.setting());
                    return keepIfBest(spark.parallelize(List.of(setting), 1).map(task).collect().get(0));
                }));
            }
            List<RunResult> results = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                results.add(result(pending.get(i), i, settings.get(i)));
            }
            return new Outcome(results, Optional.ofNullable(leader));
        } finally {
            submitters.shutdownNow();
            shared.destroy();
        }
    }

    private static RunResult result(Future<RunResult> pending, int run, Map<String, String> setting)
            throws InterruptedException {
        try {
            return pending.get();
        } catch (ExecutionException e) {
            String reason = e.getCause().getMessage() == null ? e.getCause().toString()
                    : e.getCause().getMessage().lines().findFirst().orElse("");
            LOG.error("Run {} {} was lost: {}", run, setting, reason);
            return RunResult.failed(run, new LinkedHashMap<>(setting), RunResult.Status.LOST, Double.NaN, -1, "",
                    reason);
        }
    }

    /** Keeps the result's preset files if it is the best so far; returns it without them. */
    private synchronized RunResult keepIfBest(RunResult result) {
        if (result.finished() && best(leader == null ? List.of(result) : List.of(leader, result)).orElseThrow()
                == result) {
            leader = result;
        }
        return result.withoutPreset();
    }

    /** The finished run with the best held-out chord agreement (the smaller distance breaks ties), if any. */
    public static Optional<RunResult> best(List<RunResult> results) {
        return results.stream().filter(RunResult::finished)
                .max(Comparator.comparingDouble(RunResult::chordAgreement)
                        .thenComparing(Comparator.comparingDouble(RunResult::distance).reversed()));
    }
}
