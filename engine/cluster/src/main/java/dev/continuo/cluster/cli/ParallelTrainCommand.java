package dev.continuo.cluster.cli;

import dev.continuo.cluster.parallel.DataParallelTraining;
import dev.continuo.cluster.parallel.ParallelPlan;
import dev.continuo.cluster.sweep.RunPlan;
import dev.continuo.cluster.sweep.SweepData;
import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.preset.PresetPolicy;
import dev.continuo.engine.preset.TrainingInfo;
import dev.continuo.engine.training.Checkpoint;
import dev.continuo.engine.training.EarlierRun;
import dev.continuo.engine.training.SampleEvaluator;
import dev.continuo.engine.training.TrainingMemory;
import dev.continuo.engine.training.TrainingRecord;
import dev.continuo.engine.training.VoicingChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code continuo train --master URL}: one preset trained data-parallel on a Spark cluster. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a preset data-parallel on Spark: each of --shares tasks computes the gradients on its "
            + "share of every batch, and their mean updates the model; checkpoints as train writes them."})
final class ParallelTrainCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelTrainCommand.class);

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "As for train: Jsb16thSeparated.json, a MIDI folder, or a corpus made by prepare.")
    private Path data;

    @Option(names = "--preset", required = true, paramLabel = "NAME", description = "Name of the preset to make.")
    private String name;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to write the preset.")
    private Path output;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "Checkpoint folder (default: OUTPUT/checkpoints).")
    private Path checkpoints;

    @Option(names = "--resume", description = "Continue from the checkpoint folder.")
    private boolean resume;

    @Option(names = "--force", description = "Start over where a run was trained before: its checkpoint goes, its "
            + "training.csv and preset are replaced.")
    private boolean force;

    @Option(names = "--shares", defaultValue = "2", paramLabel = "N",
            description = "Replicas, one Spark task each per update; must divide --batch (default ${DEFAULT-VALUE}).")
    private int shares;

    @Option(names = "--arch", defaultValue = "compact", description = "compact (default) or deepcomposer.")
    private String architecture;

    @Option(names = "--window", defaultValue = "0", paramLabel = "STEPS",
            description = "Training window in sixteenths (default: the architecture's).")
    private int window;

    @Option(names = "--no-key-normalize", description = "Train on random keys instead of C major / A minor.")
    private boolean noKeyNormalize;

    @Option(names = "--tempo-share", defaultValue = "0.3", paramLabel = "S",
            description = "Share of windows at half or double speed (default ${DEFAULT-VALUE}).")
    private double tempoShare;

    @Option(names = "--iterations", defaultValue = "3000", description = "Generator updates (default "
            + "${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--checkpoint-every", defaultValue = "100", paramLabel = "N",
            description = "Iterations between checkpoints (default ${DEFAULT-VALUE}).")
    private int checkpointEvery;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A hyperparameter other than train's default (repeatable): lr, beta1, beta2, batch, "
                    + "update-ratio, gp-weight, reconstruction-weight, seed.")
    private Map<String, String> setting = new LinkedHashMap<>();

    @Mixin
    private SparkOptions spark;

    @Override
    public Integer call() throws DatasetException, IOException, CorruptWeightsException {
        if (!PresetManifest.isValidName(name)) {
            throw new IllegalArgumentException("preset name must be 1-40 lower-case letters, digits or dashes: "
                    + name);
        }
        if (resume && force) {
            throw new IllegalArgumentException("--resume continues a run, --force starts it over: give one");
        }
        ParallelPlan plan = new ParallelPlan(new RunPlan(name, architecture, window, !noKeyNormalize, tempoShare,
                iterations, checkpointEvery), new LinkedHashMap<>(setting), shares);
        TrainingMemory.requireFits(plan.run().model(), plan.config().batchSize(), shares);
        Path checkpointDir = checkpoints != null ? checkpoints : output.resolve("checkpoints");
        if (!resume && EarlierRun.clear(output, checkpointDir, force)) {
            LOG.info("Starting over: {} and the earlier run's files are replaced", output);
        }
        TrainingData dataset = TrainingData.load(data);
        LOG.info("Training \"{}\" ({}) data-parallel in {} shares on {} on {}", name, architecture, shares,
                dataset.description(), spark.master);
        Decoding decoding = PresetPolicy.decoding(dataset, !noKeyNormalize);
        PresetManifest untrained = manifest(plan, dataset, 0, 0, Map.of(), decoding);
        TrainingRecord record = new TrainingRecord(checkpointDir, dataset.heldOut());
        record.start(resume && Checkpoint.exists(checkpointDir) ? Checkpoint.read(checkpointDir).iteration() : 0);
        DataParallelTraining.Result result;
        try (JavaSparkContext context = spark.start("continuo train " + name)) {
            result = new DataParallelTraining(context, plan).run(SweepData.of(dataset, Files.isDirectory(data)),
                    checkpointDir, resume, (trainer, iteration, seconds, losses) -> {
                        Map<String, Double> measured = record.measure(new Accompanist(new Preset(untrained,
                                trainer.weights())), iteration);
                        record.append(iteration, seconds.getAsDouble(), losses, measured);
                    });
        }
        PresetManifest untested = manifest(plan, dataset, iterations, result.seconds(), Map.of(), decoding);
        VoicingChoice.Result voicing = VoicingChoice.choose(new Preset(untested, result.trainer().weights()),
                dataset.training(), !noKeyNormalize);
        Map<String, Double> metrics = new LinkedHashMap<>(new SampleEvaluator(dataset.heldOut()).generated(
                new Accompanist(new Preset(manifest(plan, dataset, iterations, result.seconds(), Map.of(),
                        voicing.decoding()), result.trainer().weights()))));
        metrics.putAll(voicing.metrics());
        new Preset(manifest(plan, dataset, iterations, result.seconds(), metrics, voicing.decoding()),
                result.trainer().weights()).save(output);
        LOG.info("Wrote preset \"{}\" to {} after {} iterations in {} s", name, output, iterations,
                Math.round(result.seconds()));
        return ContinuoCluster.OK;
    }

    /** The preset's manifest after {@code trained} iterations in {@code seconds}, with {@code metrics}. */
    private PresetManifest manifest(ParallelPlan plan, TrainingData dataset, int trained, double seconds,
            Map<String, Double> metrics, Decoding decoding) {
        TrainingInfo info = new TrainingInfo(plan.config(), trained, Math.round(seconds * 10) / 10.0,
                dataset.description(), dataset.license());
        return new PresetManifest(name, "Trained on " + dataset.description(), plan.run().model(),
                PresetPolicy.parts(dataset, null, Files.isDirectory(data)),
                decoding, info, metrics);
    }
}
