package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLAP plug-in in our own CLAP host ({@code native/target/clap-host/continuo-clap-host}; no CLAP host is packaged
 * here), two instances in one host process, linked to a real engine ({@code continuo serve}, on a real JACK server
 * with the dummy driver for its own session). The host runs at real-time pace over a two-bar loop with the transport
 * rolling, plays the melody into both instances on the first pass, and writes what each instance sends with the
 * host's frame, so every onset is checked against the transport to the frame.
 */
class ClapPluginIT {

    private static final Path NATIVE = Path.of("..", "native", "target").toAbsolutePath().normalize();
    private static final Path HOST = NATIVE.resolve("clap-host").resolve("continuo-clap-host");
    private static final Path PLUGIN = NATIVE.resolve("clap").resolve("continuo.clap");
    private static final int RATE = 48_000;
    private static final int BLOCK = 256;
    /** A scale up and down in quarter notes over the two bars, as BEAT:PITCH:BEATS. */
    private static final String MELODY = "0:60:0.8,1:62:0.8,2:64:0.8,3:65:0.8,4:67:0.8,5:65:0.8,6:64:0.8,7:62:0.8";
    private static final Pattern PLAYING = Pattern.compile("^# playing at frame (\\d+)", Pattern.MULTILINE);

    @TempDir
    Path directory;
    private JackServer jack;
    private Process host;

    @BeforeEach
    void startJack() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(HOST) && Files.isRegularFile(PLUGIN),
                "the CLAP plug-in or our CLAP test host was not built (native/target; it needs cc on Linux)");
        jack = JackServer.start(directory);
    }

    @AfterEach
    void stop() throws Exception {
        if (host != null && host.isAlive()) {
            host.destroyForcibly();
        }
        if (jack != null) {
            jack.close();
        }
    }

    @ParameterizedTest(name = "{0} bpm")
    @ValueSource(ints = {120, 90})
    void twoInstancesCaptureThroughTheHostAndPlayTheAccompanimentOnTheNextPasses(int bpm) throws Exception {
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--clock", "jack")) {
            // A host parameter, as automation sets it: the melody is not passed through (THRU, id 1, off).
            host = startHost(daemon, bpm, 2, "--param", "1=0");
            OutputStream commands = host.getOutputStream();
            daemon.awaitLog(log -> count(log, "(\"clap\"): preset") == 2, 30);
            ContinuoProcess.Result sessions = ContinuoProcess.run(directory, ContinuoProcess.SMALL_HEAP, Map.of(),
                    "ctl", "sessions", "--socket", daemon.socket().toString());
            assertEquals(0, sessions.exitCode(), sessions.stderr());
            assertEquals(2, count(sessions.stdout(), ": clap, running, preset chorale, plug-in link"),
                    sessions.stdout());

            awaitBlocks(daemon, 2, 10);
            send(commands, "play\n");
            daemon.awaitLog(log -> count(log, "Bars 1–2 (phrase 1 of the song)") == 2, 60);
            Path[] dumps = {directory.resolve("instance-1.txt"), directory.resolve("instance-2.txt")};
            for (Path dump : dumps) {
                awaitNoteOns(dump, 12, 30);
            }
            send(commands, "stop\nquit\n");
            assertTrue(host.waitFor(30, TimeUnit.SECONDS), "the host did not quit");
            assertEquals(0, host.exitValue(), Files.readString(directory.resolve("host.log")));

            int framesPerStep = RATE * 60 / bpm / 4;
            int loopFrames = framesPerStep * 32; // two bars of 4/4
            for (Path dump : dumps) {
                MidiDump events = MidiDump.read(dump);
                long playing = playingFrame(dump);
                Set<Integer> channels = events.noteOns().stream().map(e -> e.channel() + 1)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(Set.of(3, 4, 5), channels,
                        "the chorale preset's alto, tenor and bass on channels 3–5, and no melody (THRU off)");
                // The engine may finish the phrase within its last sixteenth; notes it holds over the bar line are
                // then chased there, at a block start.
                long nextPass = playing + loopFrames;
                assertEquals(List.of(), events.noteOns().stream().map(MidiDump.Event::frame)
                        .filter(frame -> frame < nextPass && (frame < nextPass - framesPerStep
                                || (frame - playing) % BLOCK != 0)).toList(),
                        "the accompaniment plays from the next pass on, not over the melody it accompanies (from "
                                + playing + ")");
                assertOnGrid(events, playing, framesPerStep);
                assertEquals(Map.of(), events.hangingNotes(), "notes left sounding after stop");
            }
            daemon.awaitLog(log -> count(log, "(\"clap\") closed") == 2, 30);
            assertEquals(0, daemon.stop());
        }
    }

    @Test
    void keepsPlayingWhenTheEngineDiesLeavesNothingHangingAndLinksAgainWhenItIsBack() throws Exception {
        Path dump = directory.resolve("instance-1.txt");
        OutputStream commands;
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--clock", "jack")) {
            host = startHost(daemon, 120, 1, "--param", "1=0"); // THRU off: every note-on counted is accompaniment
            commands = host.getOutputStream();
            daemon.awaitLog(log -> log.contains("(\"clap\"): preset"), 30);
            awaitBlocks(daemon, 1, 10);
            send(commands, "play\n");
            daemon.awaitLog(log -> log.contains("Bars 1–2 (phrase 1 of the song)"), 60);
            awaitNoteOns(dump, 6, 30);
            daemon.process().destroyForcibly(); // SIGKILL: no plugin-close, no closed flag, the heartbeat stops
            assertTrue(daemon.process().waitFor(30, TimeUnit.SECONDS));
        }
        int heard = MidiDump.read(dump).noteOns().size();
        awaitNoteOns(dump, heard + 12, 30); // the player keeps playing the phrase it has, pass after pass
        assertTrue(host.isAlive(), "the host survives the engine");
        try (ServeDaemon again = ServeDaemon.start(jack, directory, "--bars", "2", "--clock", "jack")) {
            again.awaitLog(log -> log.contains("(\"clap\"): preset"), 30); // linked again, as a new session
            awaitBlocks(again, 1, 10);
            send(commands, "stop\nquit\n");
            assertTrue(host.waitFor(30, TimeUnit.SECONDS), "the host did not quit");
            assertEquals(0, host.exitValue(), Files.readString(directory.resolve("host.log")));
            assertEquals(Map.of(), MidiDump.read(dump).hangingNotes(), "notes left sounding after stop");
            again.awaitLog(log -> log.contains("(\"clap\") closed"), 30);
            assertEquals(0, again.stop());
        }
    }

    /**
     * Starts our CLAP host with instances of the plug-in, linked to daemon's socket, stopped until "play";
     * {@code options} go to the host as they are.
     */
    private Process startHost(ServeDaemon daemon, int bpm, int instances, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(HOST.toString(), PLUGIN.toString(), "--dump",
                directory.toString(), "--rate", String.valueOf(RATE), "--block", String.valueOf(BLOCK), "--tempo",
                String.valueOf(bpm), "--bars", "2", "--instances", String.valueOf(instances), "--melody", MELODY,
                "--melody-passes", "1"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(directory.resolve("host.log").toFile());
        builder.environment().put("CONTINUO_SOCKET", daemon.socket().toString());
        return builder.start();
    }

    /**
     * Every note-on lies on the sixteenth grid of the transport, to the frame: the host counts its frames itself,
     * so there are no skipped cycles to allow for. Notes "chased" when an accompaniment arrives after its first
     * notes were due start at a block's first frame: at most a quarter of the onsets may do so.
     */
    private static void assertOnGrid(MidiDump events, long playing, int framesPerStep) {
        List<String> off = new ArrayList<>();
        int chased = 0;
        for (MidiDump.Event onset : events.noteOns()) {
            long fromStart = onset.frame() - playing;
            if (fromStart % framesPerStep == 0) {
                continue;
            }
            if (fromStart % BLOCK == 0) {
                chased++;
            } else {
                off.add(onset.frame() + " (" + fromStart % framesPerStep + ")");
            }
        }
        String context = events.noteOns().size() + " note-ons, " + chased + " chased";
        assertEquals(List.of(), off, context + "; off the grid (frame, error)");
        assertTrue(chased * 4 <= events.noteOns().size(), context);
    }

    /**
     * Waits until the engine has blocks from each of its plug-in sessions: the plug-in maps the link just after the
     * engine's answer, and what it plays before that is passed through rather than captured.
     */
    private static void awaitBlocks(ServeDaemon daemon, int sessions, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            int linked = 0;
            for (JsonNode session : daemon.command("sessions").path("sessions")) {
                if (session.path("kind").asText().equals("plugin") && daemon.command("@" + session.path("id")
                        .asText() + " status").path("status").path("blocksIn").asLong() > 0) {
                    linked++;
                }
            }
            if (linked == sessions) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(linked + " of " + sessions + " plug-in sessions had blocks in " + seconds
                        + " s; log:\n" + daemon.log());
            }
            Thread.sleep(50);
        }
    }

    private static long playingFrame(Path dump) throws IOException {
        Matcher matcher = PLAYING.matcher(Files.readString(dump, StandardCharsets.UTF_8));
        assertTrue(matcher.find(), "the host wrote where the transport started");
        return Long.parseLong(matcher.group(1));
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static void awaitNoteOns(Path dump, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (MidiDump.read(dump).noteOns().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the plug-in played " + MidiDump.read(dump).noteOns().size()
                        + " note-ons, not " + count + ", in " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    private static void send(OutputStream commands, String text) throws IOException {
        commands.write(text.getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }
}
