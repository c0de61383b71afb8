package dev.continuo.bridge.cli;

import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.SamplingOptions;
import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.model.TrainingConfig;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.PartSpec;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.preset.PresetPolicy;
import dev.continuo.engine.training.EarlierRun;
import dev.continuo.engine.training.GanTrainer;
import dev.continuo.engine.training.TrainingListener;
import dev.continuo.engine.training.TrainingMemory;
import dev.continuo.engine.training.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code continuo train}: trains a genre preset on the JSB chorales or a folder of MIDI files. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a preset: a GAN that accompanies melodies in the style of the data.",
            "Shows a progress bar; writes training.csv and checkpoints; Ctrl-C saves a checkpoint and the preset."})
final class TrainCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "Jsb16thSeparated.json (train split) or a folder of multitrack MIDI files.")
    private Path data;

    @Option(names = "--preset", required = true, paramLabel = "NAME", description = "Name of the preset to make.")
    private String name;

    @Option(names = "--programs", split = ",", paramLabel = "P1,P2,P3,P4",
            description = "General MIDI program numbers (1-128) of the four parts (default: Church Organ for the "
                    + "chorales, Acoustic Grand Piano for a MIDI folder).")
    private List<Integer> programs;

    @Option(names = "--data-name", paramLabel = "TEXT",
            description = "What the data is, for the preset's manifest (default: the folder's name and size).")
    private String dataName;

    @Option(names = "--license", paramLabel = "TEXT",
            description = "The data's licence, recorded in the preset's manifest (default: unknown, for a MIDI "
                    + "folder).")
    private String license;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Where to write the preset (default: the user preset folder, see 'continuo presets').")
    private Path output;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "Checkpoint folder (default: OUTPUT/checkpoints).")
    private Path checkpoints;

    @Option(names = "--arch", defaultValue = "compact", description = "compact (default) or deepcomposer.")
    private String architecture;

    @Option(names = "--no-beat-phase", description = "Do not feed the compact networks the beat phase (to resume a "
            + "checkpoint made without it, as the first chorale preset's was).")
    private boolean noBeatPhase;

    @Option(names = "--no-onsets", description = "Train without onset planes (to resume a checkpoint made without "
            + "them, as the presets made before 0.2).")
    private boolean noOnsets;

    @Option(names = "--no-key-normalize", description = "Train on random keys (within 6 semitones) instead of moving "
            + "every piece to C major / A minor by its melody's key, as generation then moves your melody.")
    private boolean noKeyNormalize;

    @Option(names = "--tempo-share", defaultValue = "0.3", paramLabel = "S",
            description = "Share of training windows played at half or double speed, so that slow and fast melodies "
                    + "look like the data (0-1, default ${DEFAULT-VALUE}).")
    private double tempoShare;

    @Option(names = "--window", paramLabel = "STEPS",
            description = "Training window in sixteenths (a multiple of 16; default: the architecture's, 32 = 2 bars).")
    private Integer window;

    @Option(names = "--with-valid", description = "For the JSB chorales: learn the valid split too, for a final preset "
            + "once its settings were chosen on it (the test split stays unseen).")
    private boolean withValid;

    @Option(names = "--iterations", defaultValue = "3000", description = "Generator updates (default ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--beta1", defaultValue = "0.5", description = "Adam beta1 (default ${DEFAULT-VALUE}).")
    private double beta1;

    @Option(names = "--beta2", defaultValue = "0.9", description = "Adam beta2 (default ${DEFAULT-VALUE}).")
    private double beta2;

    @Option(names = "--batch", defaultValue = "64", description = "Windows per batch (default ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--update-ratio", defaultValue = "5",
            description = "Critic updates per generator update (default ${DEFAULT-VALUE}).")
    private int updateRatio;

    @Option(names = "--gp-weight", defaultValue = "10", description = "Gradient penalty weight (default ${DEFAULT-VALUE}).")
    private double gradientPenalty;

    @Option(names = "--reconstruction-weight", defaultValue = "0",
            description = "Weight of the generator's cross-entropy against the real parts; 0 = the pure GAN recipe "
                    + "(default ${DEFAULT-VALUE}).")
    private double reconstructionWeight;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: the same seed gives the same weights.")
    private long seed;

    @Option(names = "--checkpoint-every", defaultValue = "100", paramLabel = "N",
            description = "Iterations between checkpoints and sample measurements (default ${DEFAULT-VALUE}).")
    private int checkpointEvery;

    @Option(names = "--resume", description = "Continue from the checkpoint folder.")
    private boolean resume;

    @Option(names = "--from", paramLabel = "PRESET",
            description = "Start from this preset's generator (name or folder) instead of fresh weights, to fine-tune "
                    + "it on your data; its architecture is used (--window may still change the training window).")
    private String from;

    @Option(names = "--force", description = "Start over where a run was trained before: its checkpoint goes, its "
            + "training.csv and preset are replaced (without it, train refuses such a folder).")
    private boolean force;

    @Override
    public Integer call() throws DatasetException, BadInputException, IOException, CorruptWeightsException,
            InterruptedException {
        Architecture arch;
        TrainingConfig config;
        SamplingOptions sampling;
        Preset start = from == null ? null : new PresetCatalog(PresetLocations.userPresets()).load(from);
        try {
            if (start != null) {
                arch = start.manifest().architecture();
            } else {
                arch = Architecture.named(architecture);
                if (arch.pitchAsChannels()) {
                    arch = arch.withBeatPhase(!noBeatPhase);
                }
                arch = arch.withOnsets(arch.onsets() && !noOnsets);
            }
            if (window != null) {
                arch = arch.withWindowSteps(window);
            }
            sampling = new SamplingOptions(!noKeyNormalize, tempoShare);
            config = new TrainingConfig(learningRate, beta1, beta2, batch, updateRatio, gradientPenalty,
                    reconstructionWeight, seed);
            if (iterations < 1 || checkpointEvery < 1) {
                throw new IllegalArgumentException("--iterations and --checkpoint-every must be at least 1");
            }
            if (programs != null && (programs.size() != Architecture.TRACKS
                    || programs.stream().anyMatch(p -> p < 1 || p > 128))) {
                throw new IllegalArgumentException("--programs takes " + Architecture.TRACKS
                        + " General MIDI program numbers 1-128, e.g. 33,26,26,26");
            }
            if (!PresetManifest.isValidName(name)) {
                throw new IllegalArgumentException("preset name must be 1-40 lower-case letters, digits or dashes: "
                        + name);
            }
            TrainingMemory.requireFits(arch, batch, 1);
            if (resume && force) {
                throw new IllegalArgumentException("--resume continues a run, --force starts it over: give one");
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Path out = output != null ? output : PresetLocations.userPresets().resolve(name);
        Path checkpointDir = checkpoints != null ? checkpoints : out.resolve("checkpoints");
        if (!resume) {
            startOver(out, checkpointDir);
        }
        LOG.info("Loading {}", data);
        TrainingData dataset = TrainingData.load(data, withValid);
        for (var skipped : dataset.skipped()) {
            LOG.warn("Skipped {}: {}", skipped.file(), skipped.reason());
        }
        LOG.info("Training \"{}\" ({} architecture) on {}; {} pieces held out", name, arch.name(),
                dataset.description(), dataset.heldOut().size());
        Decoding decoding = PresetPolicy.decoding(dataset, sampling.keyNormalized());
        List<PartSpec> parts = PresetPolicy.parts(dataset, programs, Files.isDirectory(data));
        String description = dataName != null ? dataName : dataset.description();
        TrainingRun run = new TrainingRun(new TrainingRun.Options(name, "Trained on " + description,
                parts, decoding, arch, config, iterations, checkpointEvery,
                checkpointDir, out, description, license != null ? license : dataset.license(), sampling,
                start == null ? null : start.weights()),
                dataset.training(),
                dataset.heldOut());

        CountDownLatch finished = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            run.requestStop();
            try {
                finished.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "continuo-train-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try (ProgressListener progress = new ProgressListener()) {
            run.run(resume, progress);
        } catch (OutOfMemoryError e) {
            // The checkpoint on disk is whole (written as one unit), so nothing of the run is lost but what came
            // after it.
            throw new BadInputException("out of memory while training with --batch " + batch + " ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); the last checkpoint in "
                    + checkpointDir + " is kept: resume with a smaller --batch");
        } finally {
            finished.countDown();
        }
        return Continuo.OK;
    }

    /** A run from iteration 0 replaces an earlier one's files only with {@code --force} ({@link EarlierRun}). */
    private void startOver(Path out, Path checkpointDir) throws BadInputException, IOException {
        try {
            if (EarlierRun.clear(out, checkpointDir, force)) {
                LOG.info("Starting over: {} and the earlier run's files are replaced", out);
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** A progress bar with ETA on standard error, and one log line per checkpoint. */
    private static final class ProgressListener implements TrainingListener, AutoCloseable {
        private ProgressBar bar;

        @Override
        public void started(int firstIteration, int totalIterations) {
            bar = new ProgressBarBuilder().setTaskName("Training").setInitialMax(totalIterations)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).showSpeed()
                    .startsFrom(firstIteration, Duration.ZERO).setConsumer(new me.tongfei.progressbar
                            .ConsoleProgressBarConsumer(System.err)).build();
        }

        @Override
        public void iterated(int iteration, GanTrainer.IterationLosses losses) {
            bar.stepTo(iteration);
            bar.setExtraMessage(String.format(Locale.ROOT, " W=%.2f rec=%.3f", losses.wassersteinEstimate(),
                    losses.reconstructionLoss()));
        }

        @Override
        public void evaluated(int iteration, Map<String, Double> metrics) {
            StringBuilder line = new StringBuilder("iteration ").append(iteration).append(':');
            metrics.forEach((metric, value) -> line.append(' ').append(metric).append('=')
                    .append(String.format(Locale.ROOT, "%.3f", value)));
            LOG.info("{}", line);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
