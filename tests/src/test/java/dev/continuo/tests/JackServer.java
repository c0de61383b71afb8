package dev.continuo.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A real JACK server ({@code jackd}, dummy driver, 48 kHz, 1,024 frames per cycle) with its own name, and the real JACK
 * command-line tools run against it. Processes started through it are stopped before the server, which avoids
 * JACK's five-second deactivation wait.
 */
final class JackServer implements AutoCloseable {

    static final int SAMPLE_RATE = 48_000;
    /**
     * Frames per cycle. The server runs without real-time scheduling on a shared machine; a 21 ms cycle leaves room
     * for scheduling delays that would make a 5 ms one miss cycles (xruns). The engine's timing does not depend on
     * the period; {@code continuo bench serve} measures it at 256.
     */
    static final int PERIOD = 1024;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final Path logs;
    private final boolean synchronous;
    private final List<Process> clients = new ArrayList<>();
    private Process server;

    private JackServer(String name, Path logs, boolean synchronous) {
        this.name = name;
        this.logs = logs;
        this.synchronous = synchronous;
    }

    /** Starts a server with a name of its own, or skips the calling test (with the reason) without jackd. */
    static JackServer start(Path logs) throws IOException, InterruptedException {
        return start(logs, "continuo-test-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
    }

    /** Starts a server with the given name, or skips the calling test (with the reason). */
    static JackServer start(Path logs, String name) throws IOException, InterruptedException {
        return start(logs, name, false);
    }

    /**
     * As {@link #start(Path, String)}, in JACK 2's synchronous mode ({@code jackd -S}): a cycle waits for every
     * client, so a client late on a loaded machine delays the cycle (an xrun) instead of having what it wrote
     * dropped or what it read repeated, as the default asynchronous mode does.
     */
    static JackServer startSynchronous(Path logs, String name) throws IOException, InterruptedException {
        return start(logs, name, true);
    }

    private static JackServer start(Path logs, String name, boolean synchronous)
            throws IOException, InterruptedException {
        Assumptions.assumeTrue(installed("jackd") && installed("jack_midi_dump") && installed("jack_midiseq"),
                "jackd and the JACK example clients are not installed (apt-get install jackd2)");
        Assumptions.assumeTrue(name != null, "JACK_DEFAULT_SERVER is not set for this JVM (mvn verify sets it)");
        JackServer jack = new JackServer(name, logs, synchronous);
        jack.startServer();
        return jack;
    }

    static boolean installed(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    String name() {
        return name;
    }

    /** The environment that points JACK clients at this server. */
    Map<String, String> environment() {
        return Map.of("JACK_DEFAULT_SERVER", name, "JACK_NO_START_SERVER", "1");
    }

    /** (Re)starts the server and waits until clients can connect. */
    void startServer() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("jackd", "-n", name, "-r", "-p", "128"));
        if (synchronous) {
            command.add("-S");
        }
        command.addAll(List.of("-d", "dummy", "-r", String.valueOf(SAMPLE_RATE), "-p", String.valueOf(PERIOD)));
        server = builder(command, "jackd.log").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (run("jack_lsp").exitCode() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("jackd did not come up in 10 s; see " + logs.resolve("jackd.log"));
    }

    /** Stops the server (the clients started here keep running, as in a crash of the server). */
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            server = null;
        }
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a JACK tool to completion. */
    Result run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(logs, "tool", ".txt");
        Process process = builder(List.of(command), null).redirectErrorStream(true).redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 20 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** The server's port names, from {@code jack_lsp}. */
    List<String> ports() throws IOException, InterruptedException {
        return List.of(run("jack_lsp").output().strip().split("\n"));
    }

    void connect(String source, String destination) throws IOException, InterruptedException {
        Result result = run("jack_connect", source, destination);
        if (result.exitCode() != 0) {
            throw new IOException("jack_connect " + source + " " + destination + ": " + result.output());
        }
    }

    void disconnect(String source, String destination) throws IOException, InterruptedException {
        Result result = run("jack_disconnect", source, destination);
        if (result.exitCode() != 0) {
            throw new IOException("jack_disconnect " + source + " " + destination + ": " + result.output());
        }
    }

    /** Starts a long-running client (stopped by {@link #close}); its output goes to {@code logs/logName}. */
    Process startClient(List<String> command, String logName) throws IOException {
        return startClient(command, logName, Map.of());
    }

    /** As {@link #startClient(List, String)}, with more environment variables. */
    Process startClient(List<String> command, String logName, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = builder(command, logName);
        builder.environment().putAll(environment);
        Process process = builder.start();
        clients.add(process);
        return process;
    }

    /** Starts {@code jack_midi_dump -a} as client {@code name}; lines go to the returned file. */
    Path startDump(String clientName) throws IOException, InterruptedException {
        Path file = logs.resolve(clientName + ".txt");
        startClient(List.of("jack_midi_dump", "-a", clientName), clientName + ".txt");
        waitForPort(clientName + ":input");
        return file;
    }

    /** The pitch (on channel 1) of the marker notes {@link #flushDump} plays into a dump. */
    static final int MARKER_PITCH = 1;

    /**
     * Makes sure a {@link #startDump dump} holds everything sent to it so far. {@code jack_midi_dump}'s process
     * callback wakes its printing thread only when it gets the thread's lock, so a cycle's events that arrive while
     * the thread prints wait unprinted until a later cycle brings more: the last notes before a silence can be
     * missing from the file for good. A marker note (pitch {@value #MARKER_PITCH} on channel 1, every 0.1 s) is
     * played into the dump until the file shows one.
     */
    void flushDump(Path file, String dumpClient) throws IOException, InterruptedException {
        Process marker = startClient(List.of("jack_midiseq", "marker", "4800", "0", String.valueOf(MARKER_PITCH),
                "10"), "marker.log");
        try {
            waitForPort("marker:out");
            connect("marker:out", dumpClient + ":input");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (MidiDump.read(file).noteOns().stream().noneMatch(e -> e.channel() == 0
                    && e.pitch() == MARKER_PITCH)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the dump " + file + " showed no marker note in 30 s");
                }
                Thread.sleep(50);
            }
        } finally {
            marker.destroy();
            marker.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Waits until a port is registered. */
    void waitForPort(String port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (ports().contains(port)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("port " + port + " did not appear in 30 s; ports: " + ports());
    }

    private ProcessBuilder builder(List<String> command, String logName) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment());
        if (logName != null) {
            builder.redirectErrorStream(logName.endsWith(".log"));
            builder.redirectOutput(logs.resolve(logName).toFile());
            if (!logName.endsWith(".log")) {
                builder.redirectError(logs.resolve(logName + ".err").toFile());
            }
        }
        return builder;
    }

    /** Stops the clients, then the server. */
    @Override
    public void close() throws InterruptedException {
        for (Process client : clients) {
            client.destroy();
        }
        for (Process client : clients) {
            if (!client.waitFor(10, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
        stopServer();
    }
}
