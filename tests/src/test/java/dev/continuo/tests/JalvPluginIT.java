package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    static final List<String> MELODY = melody(FRAMES_PER_STEP);

    /** The same scale at the tempo whose sixteenth lasts {@code framesPerStep} frames at 48 kHz. */
    private static List<String> melody(int framesPerStep) {
        List<String> command = new ArrayList<>(List.of("jack_midiseq", "melody",
                String.valueOf(32 * framesPerStep)));
        int[] pitches = {60, 62, 64, 65, 67, 65, 64, 62};
        for (int beat = 0; beat < pitches.length; beat++) {
            command.addAll(List.of(String.valueOf(beat * 4 * framesPerStep), String.valueOf(pitches[beat]),
                    String.valueOf(10 * framesPerStep / 3)));
        }
        return command;
    }

    private static int framesPerStep(int bpm) {
        return JackServer.SAMPLE_RATE * 60 / bpm / 4;
    }

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

    /** The host and its clients, with a phrase captured and the transport back at the top, stopped. */
    private record Rig(OutputStream transport, Process host, Path dump) {
    }

    /**
     * jack_transport as timebase master at {@code bpm}; jalv with the plug-in (a control set on its command line,
     * as a host's controls are: the bass, part 4 on channel 5, muted); jack_midiseq plays the melody into it for
     * the first pass, which the engine captures; then stop and back to the top, as a musician presses the buttons,
     * each taking effect before the next.
     */
    private Rig capturedPhrase(ServeDaemon daemon, int bpm) throws Exception {
        Process transport = jack.startClient(List.of("jack_transport"), "transport.log");
        OutputStream commands = transport.getOutputStream();
        send(commands, "master\ntempo " + bpm + "\nlocate 0\n");
        // jalv reads commands on standard input and quits at its end: the pipe stays open while the test runs.
        Process host = jack.startClient(List.of("jalv", "-n", "host", "-c", "mute_4=1", URI), "jalv.log",
                Map.of("CONTINUO_SOCKET", daemon.socket().toString(), "LV2_PATH", BUNDLES.toString()));
        jack.waitForPort("host:in");
        daemon.awaitLog(log -> log.contains("Plug-in session"), 30);
        Path dump = jack.startDump("out");
        jack.connect("host:out", "out:input");
        jack.startClient(melody(framesPerStep(bpm)), "melody.log");
        jack.waitForPort("melody:out");
        jack.connect("melody:out", "host:in");
        send(commands, "play\n");
        daemon.awaitLog(log -> log.contains("Bars 1–2 (phrase 1 of the song)"), 60);
        jack.disconnect("melody:out", "host:in");
        send(commands, "stop\n");
        awaitStillness(dump, 5);
        send(commands, "locate 0\n");
        awaitStillness(dump, 5);
        return new Rig(commands, host, dump);
    }

    @ParameterizedTest(name = "{0} bpm")
    @ValueSource(ints = {120, 90})
    void capturesThroughTheHostAndPlaysTheAccompanimentWhenTheBarsComeAgain(int bpm) throws Exception {
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--clock", "jack")) {
            Rig rig = capturedPhrase(daemon, bpm);
            send(rig.transport(), "play\n");
            awaitNoteOns(rig.dump(), 12, 30);
            send(rig.transport(), "stop\n");
            awaitStillness(rig.dump(), 10);

            MidiDump events = MidiDump.read(rig.dump());
            Set<Integer> channels = events.noteOns().stream().map(e -> e.channel() + 1)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of(1, 3, 4), channels,
                    "the melody passed through on channel 1, the chorale's alto and tenor on 3 and 4; the bass muted");
            JackServeIT.assertOnGrid(accompaniment(events), framesPerStep(bpm));
            assertEquals(Map.of(), events.hangingNotes(), "notes left sounding after stop");
            assertTrue(daemon.log().contains("Plug-in session 2 (\"lv2\")"), daemon.log());
            assertEquals(0, daemon.stop());
        }
    }

    @Test
    void keepsPlayingWhenTheEngineDiesLeavesNothingHangingAndLinksAgainWhenItIsBack() throws Exception {
        Rig rig;
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--clock", "jack")) {
            rig = capturedPhrase(daemon, 120);
            send(rig.transport(), "play\n");
            awaitNoteOns(rig.dump(), 3, 30);
            daemon.process().destroyForcibly(); // SIGKILL: no plugin-close, no closed flag, the heartbeat stops
            assertTrue(daemon.process().waitFor(30, TimeUnit.SECONDS));
        }
        int heard = accompaniment(MidiDump.read(rig.dump())).noteOns().size();
        awaitNoteOns(rig.dump(), heard + 3, 30); // the player plays on what it has
        send(rig.transport(), "stop\n");
        awaitStillness(rig.dump(), 10);
        assertTrue(rig.host().isAlive(), "jalv survives the engine");
        assertEquals(Map.of(), MidiDump.read(rig.dump()).hangingNotes(), "notes left sounding after stop");
        try (ServeDaemon again = ServeDaemon.start(jack, directory, "--bars", "2", "--clock", "jack")) {
            again.awaitLog(log -> log.contains("Plug-in session 2 (\"lv2\")"), 30); // linked again, a new session
            assertTrue(rig.host().isAlive());
            assertEquals(0, again.stop());
        }
    }

    /** The events off channel 1: the melody passes through on channel 1, as jack_midiseq plays it. */
    private static MidiDump accompaniment(MidiDump events) {
        return new MidiDump(events.events().stream().filter(event -> event.channel() != 0).toList());
    }

    /**
     * A project saved with one accompanied phrase: jalv loads it (-l) as hosts restore a plug-in's state. The plug-in
     * plays it without an engine; linked later, the engine keeps it as it plays, until a parameter changes.
     */
    @Test
    void aSavedProjectPlaysItsAccompanimentWithoutTheEngineAndIsReVoicedOnlyOnAChange() throws Exception {
        Path saved = savedProject(directory.resolve("project"));
        Path socket = directory.resolve("ctl.sock");
        Process transport = jack.startClient(List.of("jack_transport"), "transport.log");
        OutputStream commands = transport.getOutputStream();
        send(commands, "master\ntempo 120\nlocate 0\n");
        Process host = jack.startClient(List.of("jalv", "-n", "host", "-l", saved.toString(), URI), "jalv.log",
                Map.of("CONTINUO_SOCKET", socket.toString(), "LV2_PATH", BUNDLES.toString()));
        jack.waitForPort("host:out");
        Path dump = jack.startDump("out");
        jack.connect("host:out", "out:input");

        send(commands, "play\n");
        awaitNoteOns(dump, 2, 30);
        send(commands, "stop\n");
        awaitStillness(dump, 5);
        MidiDump alone = MidiDump.read(dump);
        List<String> played = alone.noteOns().stream().map(e -> e.channel() + 1 + ":" + e.pitch()).toList();
        assertEquals(List.of("3:55", "4:48"), played, "the saved accompaniment, with no engine running");
        assertEquals(4 * FRAMES_PER_STEP * 4, alone.noteOns().get(1).frame() - alone.noteOns().get(0).frame(),
                "four beats apart at 120 bpm, as saved");

        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--clock", "jack")) {
            daemon.awaitLog(log -> log.contains("phrase 1 is back from the plug-in (2 melody notes)"), 30);
            JsonNode plugin = pluginStatus(daemon);
            assertEquals(1, plugin.get("phrasesRestored").asInt());
            assertEquals(0, plugin.get("phrasesSent").asInt(), "linked, the saved accompaniment is not generated");
            send(host.getOutputStream(), "density = 0.9\n"); // a change: phrase 1 is re-voiced from its melody
            awaitStatus(daemon, status -> status.get("phrasesSent").asInt() == 1, 60);
            int before = MidiDump.read(dump).noteOns().size();
            send(commands, "locate 0\n");
            awaitStillness(dump, 3);
            send(commands, "play\n");
            awaitNoteOns(dump, before + 3, 30);
            send(commands, "stop\n");
            awaitStillness(dump, 5);
            MidiDump events = MidiDump.read(dump);
            List<MidiDump.Event> revoiced = events.noteOns().subList(before, events.noteOns().size());
            assertTrue(revoiced.stream().anyMatch(e -> e.channel() + 1 == 5),
                    "the chorale's bass, generated from the saved melody: " + revoiced);
            assertEquals(Map.of(), events.hangingNotes(), "notes left sounding after stop");
            assertEquals(0, daemon.stop());
        }
    }

    /**
     * The plug-in's state as it saves it (docs/plugin.md, "Saved with the project"): a 16-byte header, a SETTING
     * per parameter (the melody not passed through), and phrase 1 of 8 beats with the melody C5–D5 and two notes
     * of accompaniment; in an LV2 preset folder as lilv writes one (an atom:Chunk is base64 in Turtle).
     */
    private static Path savedProject(Path folder) throws Exception {
        double[] params = {1, 0, 0, 0, 0.5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 100, 100, 100};
        ByteBuffer records = ByteBuffer.allocate(32 * (params.length + 6)).order(ByteOrder.LITTLE_ENDIAN);
        for (int id = 0; id < params.length; id++) {
            record(records, 3, id, 0, 0, 0, 0, 0, params[id]);
        }
        record(records, 16, 0, 0, 0, 0, 2, 0, 8); // PHRASE_BEGIN: index 0, 2 notes, from beat 0, 8 beats long
        record(records, 21, 0, 72, 90, 0, 0, 0, 4); // PHRASE_MELODY
        record(records, 21, 0, 74, 90, 0, 0, 4, 8);
        record(records, 17, 2, 55, 80, 0, 0, 0, 2); // PHRASE_NOTE: channel 3, beats 0–2
        record(records, 17, 3, 48, 80, 0, 0, 4, 6); // channel 4, beats 4–6
        record(records, 19, 0, 0, 0, 0, 0, 0, 0); // PHRASE_COMMIT
        ByteBuffer state = ByteBuffer.allocate(16 + records.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        state.putInt(0x53544E43).putInt(1).putInt(params.length + 6).putInt(0).put(records.array());
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("manifest.ttl"), String.join("\n",
                "@prefix lv2: <http://lv2plug.in/ns/lv2core#> .",
                "@prefix pset: <http://lv2plug.in/ns/ext/presets#> .",
                "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
                "<state.ttl> a pset:Preset ; lv2:appliesTo <" + URI + "> ; rdfs:seeAlso <state.ttl> .", ""));
        Files.writeString(folder.resolve("state.ttl"), String.join("\n",
                "@prefix lv2: <http://lv2plug.in/ns/lv2core#> .",
                "@prefix pset: <http://lv2plug.in/ns/ext/presets#> .",
                "@prefix state: <http://lv2plug.in/ns/ext/state#> .",
                "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
                "<> a pset:Preset ; lv2:appliesTo <" + URI + "> ;",
                "    state:state [ <" + URI + "#state> \"" + Base64.getEncoder().encodeToString(state.array())
                        + "\"^^xsd:base64Binary ] .", ""));
        return folder;
    }

    private static void record(ByteBuffer buffer, int kind, int a, int b, int c, long frames, long rate, double beat,
            double value) {
        buffer.put((byte) kind).put((byte) 0).put((byte) a).put((byte) b).put((byte) c).put(new byte[3])
                .putInt((int) frames).putInt((int) rate).putDouble(beat).putDouble(value);
    }

    private static JsonNode pluginStatus(ServeDaemon daemon) throws Exception {
        for (JsonNode session : daemon.command("sessions").get("sessions")) {
            if (session.get("kind").asText().equals("plugin")) {
                return daemon.command("@" + session.get("id").asText() + " status").get("status");
            }
        }
        throw new AssertionError("no plug-in session: " + daemon.command("sessions"));
    }

    private static void awaitStatus(ServeDaemon daemon, Predicate<JsonNode> condition, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.test(pluginStatus(daemon))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never, in " + seconds + " s: " + pluginStatus(daemon));
            }
            Thread.sleep(100);
        }
    }

    private static void awaitNoteOns(Path dump, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (accompaniment(MidiDump.read(dump)).noteOns().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the plug-in played " + accompaniment(MidiDump.read(dump)).noteOns().size()
                        + " accompaniment note-ons, not " + count + ", in " + seconds + " s");
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
