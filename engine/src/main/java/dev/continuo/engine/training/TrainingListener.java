package dev.continuo.engine.training;

import java.nio.file.Path;
import java.util.Map;

/** Hears about a training run's progress; called on the training thread. Every method does nothing by default. */
public interface TrainingListener {

    /** Before the first iteration; {@code firstIteration} is past 0 when resuming. */
    default void started(int firstIteration, int totalIterations) {
    }

    /** After each iteration (counted from 1). */
    default void iterated(int iteration, GanTrainer.IterationLosses losses) {
    }

    /** After the sample metrics of a checkpoint were measured. */
    default void evaluated(int iteration, Map<String, Double> metrics) {
    }

    /** After a checkpoint was written. */
    default void checkpointed(int iteration, Path directory) {
    }
}
