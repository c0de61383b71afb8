package dev.continuo.bridge.cli;

import dev.continuo.engine.metrics.FileMetrics;
import dev.continuo.engine.metrics.TrackMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats a report as a plain-text table for the terminal: one row per part, then the group rows. */
final class MetricsTable {

    private static final String[] HEADERS = {"part", "role", "trk", "ch", "notes", "empty", "pitches", "pcs",
        "in-key", "in-C", "qual", "poly", "tonal", "cons"};
    private static final String UNDEFINED = "-";

    private MetricsTable() {
    }

    static String format(EvaluationReport report) {
        FileMetrics metrics = report.metrics();
        List<String[]> rows = new ArrayList<>();
        for (TrackMetrics track : metrics.tracks()) {
            rows.add(row(track));
        }
        if (metrics.accompaniment() != null) {
            rows.add(row(metrics.accompaniment()));
        }
        rows.add(row(metrics.all()));

        StringBuilder out = new StringBuilder();
        out.append("file:   ").append(report.file()).append('\n');
        out.append("melody: ").append(metrics.melody()).append('\n');
        out.append("key:    ").append(metrics.key()).append(" (estimated from the melody)\n");
        out.append("bars:   ").append(metrics.bars()).append(", meter ").append(String.join(" ", report.meters()))
                .append(", tempo ").append(String.join(" ", report.tempos())).append(" bpm\n\n");
        int[] widths = widths(rows);
        appendRow(out, HEADERS, widths);
        for (String[] row : rows) {
            appendRow(out, row, widths);
        }
        out.append('\n').append(LEGEND);
        return out.toString();
    }

    private static final String LEGEND = """
            empty: share of bars with no note    pitches/pcs: distinct pitches / pitch classes
            in-key, in-C: share of sounding time in the scale of the estimated key / of C major
            qual: notes of 3+ steps    poly: sounding steps with 2+ pitches
            tonal: tonal distance to the melody (groups: mean over pairs; Harte 2006, lower = closer)
            cons: beat onsets consonant with the melody (unison/octave, 3rd, 5th, 6th)    -: undefined
            """;

    private static String[] row(TrackMetrics t) {
        boolean group = "group".equals(t.role());
        return new String[] {t.label(), t.role(), group ? "" : String.valueOf(t.track()),
            group ? "" : String.valueOf(t.channel()), String.valueOf(t.notes()), rate(t.emptyBarRate()),
            count(t.pitchesUsed()), count(t.pitchClassesUsed()), rate(t.inScaleRate()), rate(t.inScaleRateCMajor()),
            rate(t.qualifiedNoteRate()), rate(t.polyphonyRate()), rate(t.tonalDistanceToMelody()),
            rate(t.beatConsonance())};
    }

    private static String rate(double value) {
        return Double.isNaN(value) ? UNDEFINED : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String count(Integer value) {
        return value == null ? UNDEFINED : value.toString();
    }

    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            widths[c] = HEADERS[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        return widths;
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] widths) {
        for (int c = 0; c < cells.length; c++) {
            boolean text = c < 2;
            String cell = cells[c];
            String pad = " ".repeat(widths[c] - cell.length());
            out.append(text ? cell + pad : pad + cell);
            out.append(c + 1 < cells.length ? "  " : "\n");
        }
    }
}
