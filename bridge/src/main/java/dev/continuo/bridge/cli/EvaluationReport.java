package dev.continuo.bridge.cli;

import dev.continuo.engine.metrics.FileMetrics;
import dev.continuo.engine.metrics.RollEvaluator;
import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code continuo evaluate} reports for one file: where it came from, its grid, and its metrics.
 *
 * @param file     the file as the user named it
 * @param tempos   tempo map as "bpm@bar" entries, e.g. "120@1"
 * @param meters   meter map as "n/d@bar" entries
 * @param metrics  the metrics
 */
record EvaluationReport(String file, List<String> tempos, List<String> meters, FileMetrics metrics) {

    static EvaluationReport of(String file, PianoRoll roll, MelodySelection melody) {
        return new EvaluationReport(file, tempoMap(roll), meterMap(roll), new RollEvaluator().evaluate(roll, melody));
    }

    private static List<String> tempoMap(PianoRoll roll) {
        return roll.tempos().stream()
                .map(t -> formatBpm(t.bpm()) + "@" + barNumber(roll, t.step()))
                .collect(Collectors.toList());
    }

    private static List<String> meterMap(PianoRoll roll) {
        return roll.meters().stream()
                .map(m -> m.meter() + "@" + barNumber(roll, m.step()))
                .collect(Collectors.toList());
    }

    private static String formatBpm(double bpm) {
        return java.math.BigDecimal.valueOf(Math.round(bpm * 100) / 100.0).stripTrailingZeros().toPlainString();
    }

    /** The bar (counted from 1) holding a step. */
    private static int barNumber(PianoRoll roll, int step) {
        int[] bars = roll.barStarts();
        int bar = 0;
        while (bar + 1 < bars.length && bars[bar + 1] <= step) {
            bar++;
        }
        return bar + 1;
    }
}
