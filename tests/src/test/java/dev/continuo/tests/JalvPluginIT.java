package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LV2 plug-in in a real host: {@code jalv} on a real JACK server (dummy driver), linked to a real engine
 * ({@code continuo serve}). {@code jack_transport} is the timebase master, so jalv hands the plug-in
 * {@code time:Position}; {@code jack_midiseq} plays the melody into the plug-in; {@code jack_midi_dump} records what
 * the plug-in sends out.
 */
class JalvPluginIT {

    private static final String URI = "https://continuo.dev/lv2/continuo";
    private static final Path BUNDLES = Path.of("..", "native", "target", "lv2").toAbsolutePath().normalize();
    private static final int FRAMES_PER_STEP = 6000;
    /** A scale up and down in quarter notes over two bars at 120 bpm, as jack_midiseq triples. */
    static final List<String> MELODY = List.of("jack_midiseq", "melody", "192000",
            "0", "60", "20000", "24000", "62", "20000", "48000", "64", "20000", "72000", "65", "20000",
            "96000", "67", "20000", "120000", "65", "20000", "144000", "64", "20000", "168000", "62", "20000");

    @TempDir
    Path directory;
    private JackServer jack;

    @BeforeEach
    void startJack() throws Exception {
        Assumptions.assumeTrue(JackServer.installed("jalv"), "jalv is not installed (apt install jalv)");
        Assumptions.assumeTrue(Files.isRegularFile(BUNDLES.resolve("continuo.lv2").resolve("continuo.so")),
                "the LV2 bundle was not built (native/target/lv2; it needs cc on Linux)");
        jack = JackServer.start(directory);
    }

    @AfterEach
    void stopJack() throws Exception {
        if (jack != null) {
            jack.close();
        }
    }

    @Test
    void capturesThroughTheHostAndPlaysTheAccompanimentWhenTheBarsComeAgain() throws Exception {
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--clock", "jack")) {
            Process transport = jack.startClient(List.of("jack_transport"), "transport.log");
            OutputStream commands = transport.getOutputStream();
            send(commands, "master\ntempo 120\nlocate 0\n");
            // jalv reads commands on standard input and quits at its end: the pipe stays open while the test runs.
            jack.startClient(List.of("jalv", "-n", "host", URI), "jalv.log",
                    Map.of("CONTINUO_SOCKET", daemon.socket().toString(), "LV2_PATH", BUNDLES.toString()));
            jack.waitForPort("host:in");
            daemon.awaitLog(log -> log.contains("Plug-in session"), 30);
            Path dump = jack.startDump("out");
            jack.connect("host:out", "out:input");
            jack.startClient(MELODY, "melody.log");
            jack.waitForPort("melody:out");
            jack.connect("melody:out", "host:in");

            send(commands, "play\n");
            daemon.awaitLog(log -> log.contains("Bars 1–2 (phrase 1 of the song)"), 60);
            jack.disconnect("melody:out", "host:in");
            // Stop, back to the top, play: as a musician presses the buttons, each taking effect before the next.
            send(commands, "stop\n");
            awaitStillness(dump, 5);
            send(commands, "locate 0\n");
            awaitStillness(dump, 5);
            send(commands, "play\n");
            awaitNoteOns(dump, 12, 30);
            send(commands, "stop\n");
            awaitStillness(dump, 10);

            MidiDump events = MidiDump.read(dump);
            Set<Integer> channels = events.noteOns().stream().map(e -> e.channel() + 1)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of(3, 4, 5), channels, "the chorale preset's alto, tenor and bass on channels 3–5");
            JackServeIT.assertOnGrid(events, FRAMES_PER_STEP);
            assertEquals(Map.of(), events.hangingNotes(), "notes left sounding after stop");
            assertTrue(daemon.log().contains("Plug-in session 2 (\"lv2\")"), daemon.log());
            assertEquals(0, daemon.stop());
        }
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

    /** Waits until the dump has not grown for a second (the note-offs after stop are in). */
    static void awaitStillness(Path dump, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long size = -1;
        while (System.nanoTime() < deadline) {
            long now = Files.size(dump);
            if (now == size) {
                return;
            }
            size = now;
            Thread.sleep(1000);
        }
    }

    private static void send(OutputStream commands, String text) throws java.io.IOException {
        commands.write(text.getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }
}
