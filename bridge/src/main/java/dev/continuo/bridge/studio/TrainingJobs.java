package dev.continuo.bridge.studio;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one training run the training page follows: either {@code continuo train} started by the studio in its own
 * JVM (the command line's own code path and options; its memory and native threads stay out of the studio's), or a
 * checkpoint folder of a run started elsewhere, attached to by reading it. A run with a Spark master is {@code
 * train --master} of the cluster jar ({@code engine/cluster}), run as {@code java -jar} in its own JVM as
 * {@code ./continuo} runs it, so that neither the studio nor the desktop package carries Spark.
 *
 * <p>Thread-safe.
 */
public final class TrainingJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingJobs.class);
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final Path userPresets;
    private final Path clusterJar;
    private final Runnable presetsChanged;
    private Followed followed;

    /**
     * What is followed: the folder, the iterations asked for, and the process if the studio started it, whether it
     * ran on a cluster, and whether the studio stopped it.
     */
    private record Followed(Path folder, int iterations, Process process, Path log, boolean onCluster,
            AtomicBoolean stopped) {
    }

    /**
     * The state of the followed run for the page.
     *
     * @param state    "idle", "running", "finished", "stopped" or "failed" for a started run, "attached" otherwise
     * @param progress what its folder says, or null when idle
     * @param log      the last lines the training process wrote (empty for an attached run)
     */
    public record Status(String state, TrainingProgress progress, List<String> log) {
    }

    /**
     * @param userPresets    where {@code continuo train} writes presets (its default output) and their checkpoints
     * @param clusterJar     the cluster jar, {@code continuo-cluster.jar}, or null where there is none (a package)
     * @param presetsChanged called when a run the studio started has ended (its preset is new or changed)
     */
    public TrainingJobs(Path userPresets, Path clusterJar, Runnable presetsChanged) {
        this.userPresets = userPresets;
        this.clusterJar = clusterJar;
        this.presetsChanged = presetsChanged;
    }

    /**
     * Starts {@code continuo train} for the request.
     *
     * @throws IllegalStateException    if a started run is still going
     * @throws IllegalArgumentException with a one-line reason for a bad request
     */
    public synchronized void start(TrainingRequest request) throws IOException {
        if (followed != null && followed.process() != null && followed.process().isAlive()) {
            throw new IllegalStateException("a training run is going: stop it first");
        }
        List<String> arguments = request.arguments();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(inheritedJvmOptions());
        if (request.onCluster()) {
            // The jar's manifest opens what Spark needs; this property is the one more thing ./continuo sets.
            command.addAll(List.of("-Djdk.reflect.useDirectMethodHandle=false", "-jar", clusterJar().toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.continuo.bridge.cli.Continuo"));
        }
        command.addAll(arguments);
        Path output = userPresets.resolve(request.preset());
        command.addAll(List.of("--output", output.toString()));
        Path folder = output.resolve("checkpoints");
        Files.createDirectories(folder);
        if (!request.resume()) {
            Files.deleteIfExists(folder.resolve(TrainingProgress.CSV));
        }
        Path log = Files.createTempFile("continuo-studio-train", ".log");
        log.toFile().deleteOnExit();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        followed = new Followed(folder, request.iterations(), process, log, request.onCluster(),
                new AtomicBoolean());
        process.onExit().thenRun(() -> {
            LOG.info("Training of \"{}\" ended (exit code {})", request.preset(), process.exitValue());
            presetsChanged.run();
        });
        LOG.info("Training preset \"{}\" for {} iterations {} into {}", request.preset(), request.iterations(),
                request.onCluster() ? "on " + request.master().strip() : "here", folder);
    }

    private Path clusterJar() {
        if (clusterJar == null || !Files.isRegularFile(clusterJar)) {
            throw new IllegalArgumentException("training on a cluster runs Continuo's cluster jar, which "
                    + (clusterJar == null ? "this installation lacks" : "is not at " + clusterJar)
                    + " (build it from the sources: engine/cluster/target/continuo-cluster.jar; see docs/cluster.md)");
        }
        return clusterJar;
    }

    /**
     * The studio's own heap limit and ND4J/JavaCPP and launcher properties (as {@code ./continuo} sets them), so
     * that the run gets the memory and native-library cache a run from the command line gets.
     */
    private static List<String> inheritedJvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-Xmx") || option.startsWith("-Dorg.bytedeco.")
                        || option.startsWith("-Dcontinuo."))
                .toList();
    }

    /** Stops a run the studio started, as {@link #stop} does; called when the studio shuts down. */
    @Override
    public void close() throws InterruptedException {
        Process process;
        synchronized (this) {
            process = followed == null ? null : followed.process();
        }
        if (process != null && process.isAlive()) {
            LOG.info("Stopping the training run the studio started");
            stop();
        }
    }

    /** Follows a run started elsewhere by its checkpoint folder (or the preset folder holding it). */
    public synchronized void attach(Path folder, int iterations) {
        Path checkpoints = Files.isRegularFile(folder.resolve(TrainingProgress.CSV)) ? folder
                : folder.resolve("checkpoints");
        if (!Files.isRegularFile(checkpoints.resolve(TrainingProgress.CSV))) {
            throw new IllegalArgumentException(folder + " holds no " + TrainingProgress.CSV
                    + " (give the run's checkpoint folder)");
        }
        followed = new Followed(checkpoints, iterations, null, null, false, new AtomicBoolean());
        LOG.info("Following the training run in {}", checkpoints);
    }

    /**
     * Asks a started run to stop as Ctrl-C does and waits for it: a run here writes a checkpoint and the preset; one
     * on a cluster ends at once, its last checkpoint kept to resume from.
     *
     * @throws IllegalStateException if no started run is going
     */
    public void stop() throws InterruptedException {
        Followed run;
        synchronized (this) {
            run = followed;
        }
        Process process = run == null ? null : run.process();
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("no training run that the studio started is going");
        }
        run.stopped().set(true);
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Where the followed run stands. */
    public synchronized Status status() throws IOException {
        if (followed == null) {
            return new Status("idle", null, List.of());
        }
        TrainingProgress progress = TrainingProgress.read(followed.folder(), followed.iterations());
        Process process = followed.process();
        if (process == null) {
            return new Status("attached", progress, List.of());
        }
        String state = process.isAlive() ? "running" : process.exitValue() == 0
                ? progress.lastIteration() >= followed.iterations() ? "finished" : "stopped"
                : followed.onCluster() && followed.stopped().get() ? "stopped" : "failed";
        return new Status(state, progress, tail(followed.log()));
    }

    /** The followed run's checkpoint folder, if any. */
    public synchronized Optional<Path> folder() {
        return followed == null ? Optional.empty() : Optional.of(followed.folder());
    }

    private static List<String> tail(Path log) throws IOException {
        // The progress bar redraws its line with carriage returns: the last redraw is the line to show.
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
                .map(line -> line.substring(line.lastIndexOf('\r') + 1)).filter(line -> !line.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - 5), lines.size());
    }
}
