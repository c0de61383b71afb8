package dev.continuo.engine.training;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.roll.PianoRoll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a training run writes into its checkpoint folder for people and for the studio's training page, the same
 * for a run in one process ({@link TrainingRun}) and a data-parallel one on Spark: {@value #CSV} (one row per
 * checkpoint: the losses, the Wasserstein estimate and the samples' metrics, measured on held-out melodies),
 * {@value #REFERENCE_CSV} (the held-out pieces' own figures, one row under the header), the first held-out melody's
 * accompaniment as {@code samples/iteration-N.mid}, and the charts beside {@value #CSV}.
 *
 * <p>Used on the training thread only.
 */
public final class TrainingRecord {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRecord.class);
    /** One row per checkpoint. */
    public static final String CSV = TrainingCsv.NAME;
    /** The held-out pieces' own figures. */
    public static final String REFERENCE_CSV = "reference.csv";
    /** The folder of the sample rolls, one per checkpoint. */
    public static final String SAMPLES = "samples";

    private final Path folder;
    private final SampleEvaluator evaluator;
    private Map<String, Double> reference = Map.of();

    /**
     * @param folder  the checkpoint folder
     * @param heldOut the melodies the samples are measured on, and whose own parts are the reference
     */
    public TrainingRecord(Path folder, List<Example> heldOut) {
        this.folder = folder;
        this.evaluator = new SampleEvaluator(heldOut);
    }

    /** The file name of checkpoint {@code iteration}'s sample roll, inside {@value #SAMPLES}. */
    public static String sampleFileName(int iteration) {
        return String.format(Locale.ROOT, "iteration-%06d.mid", iteration);
    }

    /**
     * Before the first iteration: a new {@value #CSV} for a run from iteration 0; for a resumed one, its own cut back
     * to the checkpoint's iteration (see {@link TrainingCsv#keepUpTo}); and {@value #REFERENCE_CSV}.
     *
     * @param iteration the iteration the run starts from
     */
    public void start(int iteration) throws IOException {
        Path csv = folder.resolve(CSV);
        Files.createDirectories(folder);
        if (iteration == 0) {
            TrainingCsv.start(csv);
        } else {
            int dropped = TrainingCsv.keepUpTo(csv, iteration);
            if (dropped > 0) {
                LOG.info("Dropped {} rows of {} written after the checkpoint", dropped, csv);
            }
        }
        reference = evaluator.reference();
        StringBuilder row = new StringBuilder();
        for (String metric : SampleEvaluator.METRICS) {
            row.append(row.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.5g",
                    reference.getOrDefault(metric, Double.NaN)));
        }
        Files.writeString(folder.resolve(REFERENCE_CSV), String.join(",", SampleEvaluator.METRICS) + "\n" + row
                + "\n", StandardCharsets.UTF_8);
        TrainingCharts.initialize();
    }

    /**
     * At a checkpoint: measures the samples of {@code accompanist} (the model as it is now) and writes the first
     * held-out melody's accompaniment.
     *
     * @return the samples' metrics
     */
    public Map<String, Double> measure(Accompanist accompanist, int iteration) {
        Map<String, Double> metrics = evaluator.generated(accompanist);
        writeSample(accompanist, iteration);
        return metrics;
    }

    /** The samples' metrics for {@code accompanist}, written nowhere (as the preset's manifest gives them). */
    public Map<String, Double> figures(Accompanist accompanist) {
        return evaluator.generated(accompanist);
    }

    /**
     * Appends checkpoint {@code iteration}'s row and redraws the charts.
     *
     * @param seconds the run's training time so far (measurements and resumed runs included)
     * @param metrics what {@link #measure} said
     */
    public void append(int iteration, double seconds, GanTrainer.IterationLosses losses, Map<String, Double> metrics)
            throws IOException {
        Path csv = folder.resolve(CSV);
        TrainingCsv.append(csv, iteration, seconds, losses, metrics);
        drawCharts(csv);
    }

    /** Samples are a convenience too: a failure is reported, never fatal to the run. */
    private void writeSample(Accompanist accompanist, int iteration) {
        try {
            Optional<PianoRoll> sample = evaluator.sample(accompanist);
            if (sample.isPresent()) {
                Path file = folder.resolve(SAMPLES).resolve(sampleFileName(iteration));
                Files.createDirectories(file.getParent());
                new MidiFileWriter().write(sample.get(), "Iteration " + iteration, file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write the sample of iteration {}: {}", iteration, e.toString());
        }
    }

    /** Charts are a convenience: failing to draw them is reported, never fatal to the run. */
    private void drawCharts(Path csv) {
        try {
            TrainingCharts.write(csv, reference);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not draw the training charts: {}", e.toString());
            LOG.debug("chart failure", e);
        }
    }
}
