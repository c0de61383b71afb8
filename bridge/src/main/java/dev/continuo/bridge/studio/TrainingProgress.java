package dev.continuo.bridge.studio;

import dev.continuo.engine.training.TrainingRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a training run's checkpoint folder says about it, read from the files {@code continuo train} writes there:
 * {@code training.csv} (one row per checkpoint), {@code reference.csv} (the real parts' figures) and
 * {@code samples/} (one roll per checkpoint). Works the same for a run the studio started and one started from the
 * command line.
 *
 * @param folder     the checkpoint folder
 * @param columns    training.csv's header
 * @param rows       its rows, NaN where a cell is not a number
 * @param reference  the real parts' figures by name (empty before the run wrote them)
 * @param samples    the iterations that have a sample roll, ascending
 * @param iterations the iterations asked for, or 0 when unknown
 * @param etaSeconds seconds left at the pace so far, or -1 when unknown
 */
public record TrainingProgress(String folder, List<String> columns, List<double[]> rows,
        Map<String, Double> reference, List<Integer> samples, int iterations, double etaSeconds) {

    /** training.csv's file name. */
    public static final String CSV = TrainingRecord.CSV;

    /** Reads the folder; a missing file reads as empty, a row still being written is skipped. */
    public static TrainingProgress read(Path folder, int iterations) throws IOException {
        List<String> columns = List.of();
        List<double[]> rows = new ArrayList<>();
        Path csv = folder.resolve(CSV);
        if (Files.isRegularFile(csv)) {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (!lines.isEmpty()) {
                columns = List.of(lines.get(0).split(","));
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",");
                    if (cells.length == columns.size()) {
                        rows.add(numbers(cells));
                    }
                }
            }
        }
        return new TrainingProgress(folder.toString(), columns, rows, reference(folder), samples(folder), iterations,
                eta(rows, iterations));
    }

    /** The roll file of a checkpoint's sample. */
    public static Path sampleFile(Path folder, int iteration) {
        return folder.resolve(TrainingRecord.SAMPLES).resolve(TrainingRecord.sampleFileName(iteration));
    }

    /** The last iteration written, or 0. */
    public int lastIteration() {
        return rows.isEmpty() ? 0 : (int) rows.get(rows.size() - 1)[0];
    }

    private static Map<String, Double> reference(Path folder) throws IOException {
        Map<String, Double> reference = new LinkedHashMap<>();
        Path file = folder.resolve(TrainingRecord.REFERENCE_CSV);
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() >= 2) {
                String[] names = lines.get(0).split(",");
                double[] values = numbers(lines.get(1).split(","));
                for (int i = 0; i < Math.min(names.length, values.length); i++) {
                    reference.put(names[i], values[i]);
                }
            }
        }
        return reference;
    }

    private static List<Integer> samples(Path folder) throws IOException {
        Path samples = folder.resolve(TrainingRecord.SAMPLES);
        if (!Files.isDirectory(samples)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(samples)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("iteration-\\d+\\.mid"))
                    .map(n -> Integer.parseInt(n.substring("iteration-".length(), n.length() - ".mid".length())))
                    .sorted().toList();
        }
    }

    /** Seconds per iteration over the rows so far (column 1 holds the run's seconds), times the iterations left. */
    private static double eta(List<double[]> rows, int iterations) {
        if (rows.isEmpty() || iterations <= 0) {
            return -1;
        }
        double[] last = rows.get(rows.size() - 1);
        if (!(last[0] > 0) || Double.isNaN(last[1])) {
            return -1;
        }
        return Math.max(0, (iterations - last[0]) * last[1] / last[0]);
    }

    private static double[] numbers(String[] cells) {
        double[] values = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            try {
                values[i] = Double.parseDouble(cells[i]);
            } catch (NumberFormatException e) {
                values[i] = Double.NaN;
            }
        }
        return values;
    }
}
