package dev.continuo.cluster.sweep;

import dev.continuo.engine.model.TrainingConfig;
import java.util.List;
import java.util.Map;

/**
 * The hyperparameters a sweep can vary, named as {@code continuo train}'s options, with {@code train}'s defaults:
 * lr 1e-3, beta1 0.5, beta2 0.9, batch 64, update-ratio 5, gp-weight 10, reconstruction-weight 0, seed 1.
 */
public final class Hyperparameters {

    /** The keys a setting may hold. */
    public static final List<String> KEYS = List.of("lr", "beta1", "beta2", "batch", "update-ratio", "gp-weight",
        "reconstruction-weight", "seed");

    private Hyperparameters() {
    }

    /**
     * The training configuration of a setting: the defaults with its values.
     *
     * @throws IllegalArgumentException in one line for an unknown key or a value out of range
     */
    public static TrainingConfig config(Map<String, String> setting) {
        for (String key : setting.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("--grid: unknown hyperparameter \"" + key + "\" (one of "
                        + String.join(", ", KEYS) + ")");
            }
        }
        try {
            return new TrainingConfig(number(setting, "lr", 1e-3), number(setting, "beta1", 0.5),
                    number(setting, "beta2", 0.9), whole(setting, "batch", 64), whole(setting, "update-ratio", 5),
                    number(setting, "gp-weight", 10), number(setting, "reconstruction-weight", 0),
                    whole(setting, "seed", 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--grid " + setting + ": " + e.getMessage(), e);
        }
    }

    private static double number(Map<String, String> setting, String key, double fallback) {
        String value = setting.get(key);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " takes a number, not \"" + value + "\"", e);
        }
    }

    private static int whole(Map<String, String> setting, String key, int fallback) {
        String value = setting.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " takes a whole number, not \"" + value + "\"", e);
        }
    }
}
