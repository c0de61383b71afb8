package dev.continuo.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuo.bridge.serve.ControlClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@code continuo serve} process against a {@link JackServer}, with its control socket and logs. */
final class ServeDaemon implements AutoCloseable {

    private static final Pattern STUDIO_URL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]+");

    private final Process process;
    private final Path socket;
    private final Path out;
    private final Path err;

    private ServeDaemon(Process process, Path socket, Path out, Path err) {
        this.process = process;
        this.socket = socket;
        this.out = out;
        this.err = err;
    }

    /** Starts the daemon and waits until it says it is ready. */
    static ServeDaemon start(JackServer jack, Path directory, String... options) throws Exception {
        Path socket = directory.resolve("ctl.sock");
        Path out = directory.resolve("serve.out");
        Path err = directory.resolve("serve.err");
        List<String> args = new ArrayList<>(List.of("serve", "--socket", socket.toString(), "--no-status"));
        args.addAll(List.of(options));
        Process process = ContinuoProcess.start(directory, ContinuoProcess.MODEL_HEAP, environment(jack, directory),
                out, err, args.toArray(String[]::new));
        ServeDaemon daemon = new ServeDaemon(process, socket, out, err);
        try {
            daemon.awaitLog(log -> log.contains("Ready "), 120);
        } catch (AssertionError | Exception e) {
            process.destroyForcibly(); // a daemon that never got ready must not outlive its test
            throw e;
        }
        return daemon;
    }

    /**
     * The JACK server's environment, with the configuration, user preset and log folders inside the test's
     * directory: the developer's own config.json and presets must not change a test, and tests must not write into
     * their logs.
     */
    static java.util.Map<String, String> environment(JackServer jack, Path directory) {
        java.util.Map<String, String> environment = new java.util.HashMap<>(jack.environment());
        environment.put("XDG_CONFIG_HOME", directory.resolve("config").toString());
        environment.put("XDG_STATE_HOME", directory.resolve("state").toString());
        environment.put("XDG_DATA_HOME", directory.resolve("data").toString());
        return environment;
    }

    String log() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits until the daemon's log satisfies {@code condition}. */
    void awaitLog(Predicate<String> condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.test(log())) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("continuo serve exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("continuo serve did not get there in " + seconds + " s; log:\n" + log());
    }

    /** The studio URL that {@code serve --studio} printed, waited for. */
    String studioUrl(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Matcher matcher = STUDIO_URL.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return matcher.group();
            }
            if (!process.isAlive()) {
                throw new AssertionError("continuo serve exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("continuo serve printed no studio URL in " + seconds + " s; log:\n" + log());
    }

    JsonNode status() throws IOException {
        return ControlClient.send(socket, "status", 10_000).get("status");
    }

    JsonNode command(String command) throws IOException {
        return ControlClient.send(socket, command, 90_000);
    }

    /** Waits until at least {@code phrases} phrases were accompanied. */
    void awaitPhrases(int phrases, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (status().path("phrasesAccompanied").asLong() >= phrases) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(phrases + " phrases were not accompanied in " + seconds + " s; log:\n" + log());
    }

    Process process() {
        return process;
    }

    Path socket() {
        return socket;
    }

    /** Stops the daemon through its socket and returns its exit code. */
    int stop() throws Exception {
        command("stop");
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("continuo serve did not stop in 30 s; log:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
