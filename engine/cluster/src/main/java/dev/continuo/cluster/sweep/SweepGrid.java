package dev.continuo.cluster.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a sweep tries: every combination of its axes' values ({@code --grid lr=1e-3,2e-4 --grid
 * update-ratio=2,5} gives four), each the hyperparameters that differ from {@link Hyperparameters}' defaults.
 *
 * @param axes the hyperparameters varied and their values, in the order given
 */
public record SweepGrid(List<Axis> axes) {

    /** One hyperparameter and the values to try. */
    public record Axis(String key, List<String> values) {
    }

    public SweepGrid {
        axes = List.copyOf(axes);
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one --grid KEY=V1,V2");
        }
        if (axes.stream().map(Axis::key).distinct().count() != axes.size()) {
            throw new IllegalArgumentException("each --grid key may appear once");
        }
    }

    /**
     * Parses "key=v1,v2,…".
     *
     * @throws IllegalArgumentException in one line for an unknown key, no values, or a value the key cannot take
     */
    public static Axis axis(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException("--grid takes KEY=V1,V2,… (e.g. lr=1e-3,2e-4), not \"" + text + "\"");
        }
        String key = text.substring(0, equals).trim();
        List<String> values = Arrays.stream(text.substring(equals + 1).split(",")).map(String::trim).toList();
        if (values.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--grid " + key + ": empty value in \"" + text + "\"");
        }
        for (String value : values) {
            Hyperparameters.config(Map.of(key, value));
        }
        return new Axis(key, values);
    }

    /** Every combination, the first axis varying slowest. */
    public List<Map<String, String>> settings() {
        List<Map<String, String>> settings = new ArrayList<>();
        settings.add(new LinkedHashMap<>());
        for (Axis axis : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> setting : settings) {
                for (String value : axis.values()) {
                    Map<String, String> extended = new LinkedHashMap<>(setting);
                    extended.put(axis.key(), value);
                    next.add(extended);
                }
            }
            settings = next;
        }
        return settings;
    }
}
