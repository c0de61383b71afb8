package dev.continuo.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code continuo} command line in its own JVM, with a small heap so that unbounded memory use shows
 * up as a failure, and captures its exit code, standard output and standard error.
 */
final class ContinuoProcess {

    /** Heap for reading files: far below what an unbounded reader would need for the hostile files. */
    static final String SMALL_HEAP = "-Xmx160m";
    /** Heap for commands that run the model (ND4J's off-heap memory is bounded by the heap size by default). */
    static final String MODEL_HEAP = "-Xmx1g";
    private static final long TIMEOUT_SECONDS = 300;

    record Result(int exitCode, String stdout, String stderr) {
        List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : List.of(stderr.split("\n"));
        }
    }

    private ContinuoProcess() {
    }

    static Result run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        return run(workingDirectory, SMALL_HEAP, java.util.Map.of(), args);
    }

    /** Runs with a given heap flag and extra environment variables. */
    static Result run(Path workingDirectory, String heap, java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("continuo-out", ".txt");
        Path err = Files.createTempFile("continuo-err", ".txt");
        try {
            Process process = start(workingDirectory, heap, environment, out, err, args);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("continuo " + String.join(" ", args) + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts the command line without waiting, its output going to the given files. */
    static Process start(Path workingDirectory, String heap, java.util.Map<String, String> environment, Path out,
            Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        String cluster = System.getProperty("continuo.cluster");
        if (cluster != null) {
            command.add("-Dcontinuo.cluster=" + cluster); // as ./continuo tells the studio where the cluster jar is
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.continuo.bridge.cli.Continuo");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().putAll(environment);
        return builder.start();
    }
}
