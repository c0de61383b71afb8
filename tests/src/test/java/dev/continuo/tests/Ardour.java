package dev.continuo.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Ardour 7, headless: {@code ardour7-lua} running the harness script ({@code ardour/harness.lua}, a test
 * resource), driven one command at a time over its standard input. Each command waits for the script's answer, so
 * a test reads as the steps a musician takes: make a session, add tracks and plug-ins, route, arm, roll, read back
 * what was recorded, save, reopen.
 *
 * <p>Ardour's configuration and caches live in the test's directory, so tests neither read nor change the user's.
 */
final class Ardour implements AutoCloseable {

    /** Ardour keeps MIDI in beats of this many ticks. */
    static final int TICKS_PER_BEAT = 1920;
    private static final Path LUA = Path.of("/usr/bin/ardour7-lua");
    private static final Path VST3_SCANNER = Path.of("/usr/lib/ardour7/ardour-vst3-scanner");
    private static final int COMMAND_SECONDS = 60;
    /** How harness.lua says that JACK shut Ardour's client out. */
    private static final String ENGINE_HALTED = "JACK halted the audio engine";

    /** A recorded note: channel 0–15, start from the session start and length, both in ticks. */
    record Note(int channel, int pitch, int velocity, long startTicks, long lengthTicks) {
    }

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;
    private int tag;

    private Ardour(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> copyLines(process.getInputStream()), "ardour-output");
        reader.setDaemon(true);
        reader.start();
    }

    static boolean installed() {
        return Files.isExecutable(LUA);
    }

    /** Starts Ardour with an audio backend; {@code environment} adds to the JACK server's. */
    private static Ardour start(JackServer jack, Path directory, String backend, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path script = directory.resolve("harness.lua");
        try (InputStream resource = Ardour.class.getResourceAsStream("/ardour/harness.lua")) {
            Files.copy(resource, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = directory.resolve("ardour.log");
        ProcessBuilder builder = new ProcessBuilder(LUA.toString(), "-i", script.toString())
                .directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(ardourEnvironment(jack, directory));
        builder.environment().putAll(environment);
        Ardour ardour = new Ardour(builder.start(), log);
        try {
            ardour.call("use_backend", backend);
        } catch (AssertionError | IOException e) {
            ardour.close();
            throw e;
        }
        return ardour;
    }

    /**
     * Starts Ardour with the audio backend {@code backend} ("JACK", or "None (Dummy)" for Ardour's own clock) and
     * creates a session at a tempo; {@code environment} adds to the JACK server's (plug-in paths, the engine's
     * socket). Ardour is started again (three tries in all) when JACK shuts its client out while the session is
     * set up: a fault of jackd 1.9.21 with Ardour (see harness.lua), not of what the tests check.
     */
    static Ardour startWithSession(JackServer jack, Path directory, String backend, Map<String, String> environment,
            String name, int sampleRate, double bpm) throws IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            Ardour ardour = start(jack, directory, backend, environment);
            try {
                ardour.createSession(name, sampleRate, bpm);
                return ardour;
            } catch (AssertionError e) {
                ardour.close();
                if (attempt == 3 || !e.getMessage().contains(ENGINE_HALTED)) {
                    throw e;
                }
                Files.move(ardour.log, directory.resolve("ardour-try-" + attempt + ".log"));
                deleteTree(ardour.sessionDirectory(name));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * Adds a VST3 bundle to the plug-in cache Ardour reads: the headless host does not scan for VST3 plug-ins
     * itself, so its own scanner (the program Ardour's GUI runs) writes the entry first.
     */
    static void scanVst3(JackServer jack, Path directory, Path bundle) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(VST3_SCANNER.toString(), bundle.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("vst3-scan.log").toFile());
        builder.environment().putAll(ardourEnvironment(jack, directory));
        builder.environment().put("LD_LIBRARY_PATH", "/usr/lib/ardour7");
        Process scan = builder.start();
        if (!scan.waitFor(60, TimeUnit.SECONDS) || scan.exitValue() != 0) {
            scan.destroyForcibly();
            throw new AssertionError("ardour-vst3-scanner failed on " + bundle + ":\n"
                    + Files.readString(directory.resolve("vst3-scan.log")));
        }
    }

    private static Map<String, String> ardourEnvironment(JackServer jack, Path directory) {
        Map<String, String> environment = new HashMap<>(jack.environment());
        environment.put("XDG_CONFIG_HOME", directory.resolve("ardour-config").toString());
        environment.put("XDG_CACHE_HOME", directory.resolve("ardour-cache").toString());
        return environment;
    }

    private void createSession(String name, int sampleRate, double bpm) throws IOException, InterruptedException {
        call("create", sessionDirectory(name).toString(), name, sampleRate, bpm);
    }

    void openSession(String name) throws IOException, InterruptedException {
        call("open", sessionDirectory(name).toString(), name);
    }

    void save() throws IOException, InterruptedException {
        call("save");
    }

    void closeSession() throws IOException, InterruptedException {
        call("close");
    }

    void addMidiTrack(String name) throws IOException, InterruptedException {
        call("add_midi_track", name);
    }

    /** Inserts a plug-in ({@code kind} "LV2" or "VST3"; {@code id} its URI or class UID) at the top of a track. */
    void addPlugin(String track, String kind, String id) throws IOException, InterruptedException {
        call("add_plugin", track, kind, id);
    }

    /** Makes {@code port} (an Ardour port such as "Melody/midi_out 1", or a JACK port) the track's only input. */
    void connectInput(String track, String port) throws IOException, InterruptedException {
        call("connect_input", track, port);
    }

    void disconnectInput(String track) throws IOException, InterruptedException {
        call("disconnect_input", track);
    }

    /** Adds a connection from the track's MIDI output to {@code port}, keeping the others. */
    void connectOutput(String track, String port) throws IOException, InterruptedException {
        call("connect_output", track, port);
    }

    void recordArm(String track, boolean armed) throws IOException, InterruptedException {
        call("record_arm", track, armed);
    }

    /** Rolls from {@code fromSample} until the transport passes {@code toSample}, then stops; records if asked. */
    void roll(long fromSample, long toSample, boolean record) throws IOException, InterruptedException {
        call("roll", fromSample, toSample, record);
    }

    /** Every note on the track's playlist, in the order of its regions and their notes. */
    List<Note> notes(String track) throws IOException, InterruptedException {
        List<Note> notes = new ArrayList<>();
        for (String line : call("notes", track)) {
            String[] field = line.split(" ");
            if (field[0].equals("@@note")) {
                long origin = Long.parseLong(field[4]);
                notes.add(new Note(Integer.parseInt(field[1]), Integer.parseInt(field[2]), Integer.parseInt(field[3]),
                        origin + ticks(field[5]), ticks(field[6])));
            }
        }
        return notes;
    }

    /** Ardour's beat time "BEATS:TICKS" in ticks. */
    private static long ticks(String beatsAndTicks) {
        String[] part = beatsAndTicks.split(":");
        return Long.parseLong(part[0]) * TICKS_PER_BEAT + Long.parseLong(part[1]);
    }

    /**
     * Calls a harness function with arguments (strings, numbers, booleans) and returns the result lines ("@@…") it
     * printed; fails with Ardour's output if the function fails or Ardour does not answer.
     */
    List<String> call(String function, Object... arguments) throws IOException, InterruptedException {
        String id = function + "-" + ++tag;
        StringBuilder line = new StringBuilder("run(\"").append(id).append("\", ").append(function);
        for (Object argument : arguments) {
            line.append(", ").append(lua(argument));
        }
        commands.write(line.append(")\n").toString());
        commands.flush();
        List<String> results = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMAND_SECONDS);
        while (true) {
            String next = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("Ardour did not finish " + line.toString().trim() + " in " + COMMAND_SECONDS
                        + " s (alive: " + process.isAlive() + "); its output:\n" + output());
            }
            if (next.equals("@@ok " + id)) {
                return results;
            }
            if (next.startsWith("@@error " + id)) {
                throw new AssertionError("Ardour: " + next + "\n" + output());
            }
            if (next.startsWith("@@")) {
                results.add(next);
            }
        }
    }

    private static String lua(Object value) {
        if (value instanceof String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException("not a Lua value: " + value);
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Keeps every line in the log and hands it to {@link #call}; Ardour's answers interleave with its echo. */
    private void copyLines(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
                OutputStream copy = Files.newOutputStream(log)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                copy.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                copy.flush();
                int answer = line.indexOf("@@");
                if (answer >= 0) {
                    lines.add(line.substring(answer));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path sessionDirectory(String name) {
        return log.resolveSibling("sessions").resolve(name);
    }

    /** Quits Ardour (it closes an open session without saving), or ends it after 30 s. */
    @Override
    public void close() throws InterruptedException {
        try {
            commands.write("quit()\n");
            commands.flush();
            commands.close();
        } catch (IOException e) {
            // Ardour has already gone: nothing to quit.
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
