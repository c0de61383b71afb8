package dev.continuo.cluster.sweep;

import dev.continuo.engine.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A sweep's results as a CSV file and as an aligned table for the terminal, one row per setting. */
public final class SweepTable {

    private final List<String> keys;
    private final List<RunResult> results;
    private final int best;

    /**
     * @param keys    the grid's hyperparameters, in order
     * @param results every run's result
     * @param best    the best run's number, or -1
     */
    public SweepTable(List<String> keys, List<RunResult> results, int best) {
        this.keys = List.copyOf(keys);
        this.results = List.copyOf(results);
        this.best = best;
    }

    /** Writes the CSV file (replaced atomically). */
    public void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder();
        for (List<String> row : rows()) {
            csv.append(String.join(",", row.stream().map(SweepTable::csvField).toList())).append('\n');
        }
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The table with columns padded to their widest cell. */
    public String render() {
        List<List<String>> rows = rows();
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row.get(i)));
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    private List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("run"));
        header.addAll(keys);
        header.addAll(List.of("status", "chord_agreement", "distance_to_reference", "similarity_index", "seconds",
            "try",
            "executor", "best", "error"));
        rows.add(header);
        for (RunResult result : results) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(result.run())));
            keys.forEach(key -> row.add(result.setting().getOrDefault(key, "")));
            row.add(result.status().name().toLowerCase(Locale.ROOT));
            row.add(number(result.chordAgreement()));
            row.add(number(result.distance()));
            row.add(number(result.similarity()));
            row.add(Double.isNaN(result.seconds()) ? "" : String.format(Locale.ROOT, "%.1f", result.seconds()));
            row.add(result.attempt() < 0 ? "" : Integer.toString(result.attempt() + 1));
            row.add(result.executor());
            row.add(result.run() == best ? "*" : "");
            row.add(result.error());
            rows.add(row);
        }
        return rows;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String csvField(String field) {
        return field.contains(",") || field.contains("\"") || field.contains("\n")
                ? "\"" + field.replace("\"", "\"\"").replace('\n', ' ') + "\"" : field;
    }
}
