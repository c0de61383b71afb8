package dev.continuo.bridge.cli;

import dev.continuo.engine.evaluation.SystemScores;
import java.util.List;
import java.util.Locale;

/** Formats a data-set evaluation: one row per figure, one column per system. */
final class DatasetTable {

    private DatasetTable() {
    }

    /** @param title what was evaluated, for the header */
    static String format(List<SystemScores> systems, String title) {
        StringBuilder out = new StringBuilder();
        out.append(title).append("; figures are means over pieces\n\n");
        int width = 26;
        out.append(String.format(Locale.ROOT, "%-" + width + "s", "figure"));
        for (SystemScores system : systems) {
            out.append(String.format(Locale.ROOT, "%15s", system.system()));
        }
        out.append('\n');
        for (String figure : systems.get(0).values().keySet()) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s", figure));
            for (SystemScores system : systems) {
                double value = system.values().getOrDefault(figure, Double.NaN);
                out.append(Double.isNaN(value) ? String.format(Locale.ROOT, "%15s", "-")
                        : String.format(Locale.ROOT, "%15.3f", value));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
