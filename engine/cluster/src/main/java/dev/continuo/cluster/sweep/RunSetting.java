package dev.continuo.cluster.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * One setting of a sweep, as sent to its task.
 *
 * @param run     its place in the grid, from 0
 * @param setting the hyperparameters it varies, in the grid's order
 */
record RunSetting(int run, LinkedHashMap<String, String> setting) implements Serializable {
}
