package dev.continuo.engine.training;

import dev.continuo.engine.files.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's {@code training.csv}: a header, then one row per checkpoint (iteration, seconds, the losses, the sample
 * metrics). A row is appended before its checkpoint is written, so a run killed between the two leaves a row that
 * its checkpoint does not have; {@link #keepUpTo} drops such rows (and a half-written last line) when the run
 * resumes, so no iteration is listed twice.
 */
final class TrainingCsv {

    static final String NAME = "training.csv";
    private static final String HEADER = "iteration,seconds,critic_loss,wasserstein,gradient_penalty,"
            + "generator_loss,reconstruction," + String.join(",", SampleEvaluator.METRICS);

    private TrainingCsv() {
    }

    /** Writes the header alone, replacing whatever was there: a run from iteration 0. */
    static void start(Path csv) throws IOException {
        AtomicFiles.write(csv, (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * For a run resumed at {@code iteration}: keeps the header and the rows up to that iteration, drops the rest
     * and any line that is not a whole row (a file of an earlier version, with fewer columns, keeps its own header
     * and rows); starts the file if it is missing or has no header.
     *
     * @return rows dropped
     */
    static int keepUpTo(Path csv, int iteration) throws IOException {
        List<String> lines = Files.isRegularFile(csv) ? Files.readAllLines(csv, StandardCharsets.UTF_8) : List.of();
        if (lines.isEmpty() || !lines.get(0).startsWith("iteration,")) {
            start(csv);
            return Math.max(0, lines.size() - 1);
        }
        int columns = lines.get(0).split(",").length;
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (fields.length == columns && fields[0].matches("\\d{1,9}") && Integer.parseInt(fields[0]) <= iteration) {
                kept.add(line);
            }
        }
        int dropped = lines.size() - kept.size();
        if (dropped > 0) {
            AtomicFiles.write(csv, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return dropped;
    }

    /** Appends one checkpoint's row. */
    static void append(Path csv, int iteration, double seconds, GanTrainer.IterationLosses losses,
            Map<String, Double> metrics) throws IOException {
        StringBuilder row = new StringBuilder();
        row.append(iteration).append(',').append(String.format(Locale.ROOT, "%.1f", seconds));
        for (double value : new double[] {losses.criticLoss(), losses.wassersteinEstimate(),
            losses.gradientPenalty(), losses.generatorLoss(), losses.reconstructionLoss()}) {
            row.append(',').append(String.format(Locale.ROOT, "%.5g", value));
        }
        for (String metric : SampleEvaluator.METRICS) {
            row.append(',').append(String.format(Locale.ROOT, "%.5g", metrics.getOrDefault(metric, Double.NaN)));
        }
        try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            writer.write(row.append('\n').toString());
        }
    }
}
