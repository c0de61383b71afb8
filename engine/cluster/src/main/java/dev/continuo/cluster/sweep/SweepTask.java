package dev.continuo.cluster.sweep;

import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetPolicy;
import dev.continuo.engine.training.SampleEvaluator;
import dev.continuo.engine.training.TrainingListener;
import dev.continuo.engine.training.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a sweep, as a Spark task on an executor: trains a preset on the broadcast data with one setting in a
 * scratch folder, measures it on the held-out pieces, and returns the scores with the preset's files. A run whose
 * training throws comes back {@link RunResult.Status#FAILED} with the reason; a run whose executor is lost never
 * returns, and Spark runs it again elsewhere.
 */
final class SweepTask implements Function<RunSetting, RunResult> {

    private static final Logger LOG = LoggerFactory.getLogger(SweepTask.class);

    private final Broadcast<SweepData> data;
    private final RunPlan plan;

    SweepTask(Broadcast<SweepData> data, RunPlan plan) {
        this.data = data;
        this.plan = plan;
    }

    @Override
    public RunResult call(RunSetting run) throws IOException {
        int attempt = TaskContext.get().attemptNumber();
        String executor = SparkEnv.get().executorId();
        long start = System.nanoTime();
        Path scratch = Files.createTempDirectory("continuo-sweep-");
        try {
            TrainingData training = data.value().decode();
            RunResult result = train(run.run(), run.setting(), training, scratch, attempt, executor, start);
            LOG.info("Run {} {} finished on executor {}: chord agreement {}", run.run(), run.setting(),
                    executor, result.chordAgreement());
            return result;
        } catch (Exception e) {
            LOG.debug("run {} failed", run.run(), e);
            return RunResult.failed(run.run(), run.setting(), RunResult.Status.FAILED, seconds(start), attempt,
                    executor, e.toString().lines().findFirst().orElse(""));
        } finally {
            deleteRecursively(scratch);
        }
    }

    private RunResult train(int index, LinkedHashMap<String, String> setting, TrainingData training, Path scratch,
            int attempt, String executor, long start) throws Exception {
        Path output = scratch.resolve("preset");
        TrainingRun run = new TrainingRun(new TrainingRun.Options(plan.presetName(),
                "Trained on " + training.description(), PresetPolicy.parts(training, null, data.value().midiFolder()),
                PresetPolicy.decoding(training, plan.keyNormalized()), plan.model(), Hyperparameters.config(setting),
                plan.iterations(), plan.checkpointEvery(), scratch.resolve("checkpoints"), output,
                training.description(), training.license(), plan.sampling(), null), training.training(),
                training.heldOut());
        Preset preset = run.run(false, new TrainingListener() { });
        Map<String, Double> generated = preset.manifest().metrics();
        Map<String, Double> real = new SampleEvaluator(training.heldOut()).reference();
        return new RunResult(index, setting, RunResult.Status.FINISHED, generated.get("chord_agreement"),
                FigureDistance.of(generated, real), generated.getOrDefault("similarity_index", Double.NaN),
                seconds(start), attempt, executor, "",
                Files.readAllBytes(output.resolve(Preset.MANIFEST)),
                Files.readAllBytes(output.resolve(Preset.WEIGHTS)));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove the scratch folder {}: {}", folder, e.toString());
        }
    }
}
