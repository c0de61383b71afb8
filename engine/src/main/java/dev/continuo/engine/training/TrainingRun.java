package dev.continuo.engine.training;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.data.SamplingOptions;
import dev.continuo.engine.data.WindowSampler;
import dev.continuo.engine.files.AtomicFiles;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.model.TrainingConfig;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.PartSpec;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.preset.TrainingInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a preset from examples: iterates the GAN, every {@code checkpointEvery} iterations measures samples on
 * held-out melodies and writes them down ({@link TrainingRecord}: a row of {@code training.csv}, the charts, the
 * first held-out melody's accompaniment) and a checkpoint; at the end (or when stopped) writes the preset.
 * Resumable from its checkpoint directory.
 */
public final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    /**
     * What to train and where to put it.
     *
     * @param name            preset name
     * @param description     preset description
     * @param parts           the four parts' names, programs, channels
     * @param decoding        decoding defaults for the preset
     * @param architecture    model shape
     * @param config          hyperparameters
     * @param iterations      generator updates to reach
     * @param checkpointEvery iterations between checkpoints (and sample measurements)
     * @param checkpoints     checkpoint directory (holds training.csv too)
     * @param output          where the finished preset goes
     * @param dataDescription the training data, for the manifest
     * @param license         the data's licence, for the manifest
     * @param sampling        how training windows are varied (key, speed)
     * @param startingPoint   a model whose generator the run starts from (fine-tuning), or null for fresh weights
     */
    public record Options(String name, String description, List<PartSpec> parts, Decoding decoding,
            Architecture architecture, TrainingConfig config, int iterations, int checkpointEvery, Path checkpoints,
            Path output, String dataDescription, String license, SamplingOptions sampling,
            ModelWeights startingPoint) {
    }

    private final Options options;
    private final List<Example> training;
    private final TrainingRecord record;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public TrainingRun(Options options, List<Example> training, List<Example> heldOut) {
        this.options = options;
        this.training = List.copyOf(training);
        this.record = new TrainingRecord(options.checkpoints(), heldOut);
    }

    /** Asks the run to stop after the current iteration, write a checkpoint and the preset; any thread. */
    public void requestStop() {
        stopRequested.set(true);
    }

    /**
     * Runs to the target iteration count or until stopped.
     *
     * @param resume continue from the checkpoint directory if it holds a checkpoint
     * @return the preset as written
     */
    public Preset run(boolean resume, TrainingListener listener) throws IOException, CorruptWeightsException {
        ModelWeights weights = ModelWeights.initialize(options.architecture(), options.config().seed(),
                DataType.FLOAT);
        if (options.startingPoint() != null) {
            weights.takeGenerator(options.startingPoint());
        }
        GanTrainer trainer = new GanTrainer(weights, options.config());
        int iteration = 0;
        double previousSeconds = 0;
        removeLeftovers();
        if (resume && Checkpoint.exists(options.checkpoints())) {
            Checkpoint checkpoint = Checkpoint.read(options.checkpoints());
            if (checkpoint.iteration() > options.iterations()) {
                throw new CorruptWeightsException(options.checkpoints() + ": the checkpoint is at iteration "
                        + checkpoint.iteration() + ", beyond the " + options.iterations() + " asked for");
            }
            try {
                trainer.restore(Checkpoint.readState(options.checkpoints()), checkpoint.iteration());
            } catch (IllegalArgumentException e) {
                throw new CorruptWeightsException(options.checkpoints() + ": the checkpoint does not fit this "
                        + "architecture (" + e.getMessage() + ")", e);
            }
            iteration = checkpoint.iteration();
            previousSeconds = checkpoint.seconds();
            LOG.info("Resuming from iteration {} ({})", iteration, options.checkpoints());
        }
        WindowSampler sampler = new WindowSampler(training, options.architecture(), options.sampling(),
                options.config().batchSize(), options.config().seed() + iteration);
        Preset preset = preset(weights, iteration, previousSeconds, Map.of());
        record.start(iteration);

        listener.started(iteration, options.iterations());
        long start = System.nanoTime();
        Map<String, Double> metrics = Map.of();
        GanTrainer.IterationLosses losses = null;
        while (iteration < options.iterations() && !stopRequested.get()) {
            losses = trainer.iterate(sampler);
            iteration++;
            listener.iterated(iteration, losses);
            boolean last = iteration == options.iterations() || stopRequested.get();
            if (iteration % options.checkpointEvery() == 0 || last) {
                // A new accompanist each time: its generator folds the weights as they are now.
                metrics = record.measure(new Accompanist(preset), iteration);
                listener.evaluated(iteration, metrics);
                double seconds = previousSeconds + (System.nanoTime() - start) / 1e9;
                record.append(iteration, seconds, losses, metrics);
                new Checkpoint(iteration, seconds).write(options.checkpoints(), trainer.state());
                listener.checkpointed(iteration, options.checkpoints());
            }
        }
        double seconds = previousSeconds + (System.nanoTime() - start) / 1e9;
        VoicingChoice.Result voicing = VoicingChoice.choose(preset(weights, iteration, seconds, metrics), training,
                options.sampling().keyNormalized());
        Map<String, Double> figures = new LinkedHashMap<>(voicing.decoding().equals(options.decoding()) ? metrics
                : record.figures(new Accompanist(preset(weights, iteration, seconds, metrics, voicing.decoding()))));
        figures.putAll(voicing.metrics());
        Preset finished = preset(weights, iteration, seconds, figures, voicing.decoding());
        finished.save(options.output());
        LOG.info("Wrote preset \"{}\" to {} after {} iterations", options.name(), options.output(), iteration);
        return finished;
    }

    /** Deletes the temporary files of writes that a killed run left (see {@link AtomicFiles#removeLeftovers}). */
    private void removeLeftovers() throws IOException {
        int removed = 0;
        for (Path folder : List.of(options.checkpoints(), options.checkpoints().resolve(TrainingRecord.SAMPLES),
                options.output())) {
            removed += AtomicFiles.removeLeftovers(folder);
        }
        if (removed > 0) {
            LOG.info("Removed {} temporary files that a stopped run left", removed);
        }
    }

    private Preset preset(ModelWeights weights, int iterations, double seconds, Map<String, Double> metrics) {
        return preset(weights, iterations, seconds, metrics, options.decoding());
    }

    private Preset preset(ModelWeights weights, int iterations, double seconds, Map<String, Double> metrics,
            Decoding decoding) {
        TrainingInfo info = new TrainingInfo(options.config(), iterations, Math.round(seconds * 10) / 10.0,
                options.dataDescription(), options.license());
        PresetManifest manifest = new PresetManifest(options.name(), options.description(),
                options.architecture(), options.parts(), decoding, info, metrics);
        return new Preset(manifest, weights);
    }
}
