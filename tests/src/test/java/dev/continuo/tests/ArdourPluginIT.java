package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LV2 and VST3 plug-ins in a real Ardour 7 (headless, on a real JACK server), linked to a real engine
 * ({@code continuo serve}). The first pass records the melody that {@code jack_midiseq} plays into a track with the
 * plug-in on it; the second plays that region back through the plug-in, and a second track records what the
 * plug-in sends, which {@code jack_midi_dump} hears too. Each test runs about a minute.
 */
class ArdourPluginIT {

    private static final Path NATIVE = Path.of("..", "native", "target").toAbsolutePath().normalize();
    private static final Path LV2_BUNDLES = NATIVE.resolve("lv2");
    private static final Path VST3_BUNDLES = NATIVE.resolve("vst3");
    private static final String LV2_URI = "https://continuo.dev/lv2/continuo";
    private static final String VST3_UID = "6C6F6E74696E756F9A3E4B2D8F17C0DE";
    private static final int FRAMES_PER_STEP = 6000;
    /** Cycles a client may miss between two onsets on this loaded machine (5 were seen). */
    private static final int MISSED_CYCLES = 8;
    private static final int TICKS_PER_STEP = Ardour.TICKS_PER_BEAT / 4;
    /** Four bars at 120 quarter notes a minute: two of the engine's 2-bar phrases. */
    private static final long PASS_FRAMES = 4 * 4 * 24_000;
    /** The melody's channel (0-based): where the plug-in may pass it through, beside the parts. */
    private static final int MELODY_CHANNEL = 0;
    /** The second pass stops in the middle of bar 4, off the grid, while the parts sound. */
    private static final long SECOND_PASS_FRAMES = PASS_FRAMES - 33_000;

    /** Kept when a test fails: Ardour's, the engine's and JACK's logs and the dumps are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;
    private JackServer jack;

    @BeforeEach
    void startJack() throws Exception {
        Assumptions.assumeTrue(Ardour.installed(), "Ardour 7 is not installed (apt install ardour: ardour7-lua)");
        Assumptions.assumeTrue(Files.isRegularFile(LV2_BUNDLES.resolve("continuo.lv2").resolve("continuo.so")),
                "the plug-ins were not built (native/target; they need cc on Linux)");
        jack = JackServer.start(directory);
    }

    @AfterEach
    void stopJack() throws Exception {
        if (jack != null) {
            jack.close();
        }
    }

    @Test
    void lv2PluginCapturesTheMelodyRegionAndTheNextPassRecordsTheAccompaniment() throws Exception {
        accompanyInArdour("LV2", LV2_URI, "lv2");
    }

    @Test
    void vst3PluginCapturesTheMelodyRegionAndTheNextPassRecordsTheAccompaniment() throws Exception {
        scanVst3();
        accompanyInArdour("VST3", VST3_UID, "vst3");
    }

    @Test
    void twoTracksWithThePluginAreTwoSessionsOfOneEngine() throws Exception {
        scanVst3();
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2");
                Ardour ardour = Ardour.startWithSession(jack, directory, "JACK", plugins(daemon), "two",
                        JackServer.SAMPLE_RATE, 120)) {
            ardour.addMidiTrack("First");
            ardour.addMidiTrack("Second");
            ardour.addPlugin("First", "LV2", LV2_URI);
            ardour.addPlugin("Second", "VST3", VST3_UID);
            daemon.awaitLog(log -> log.contains("(\"lv2\")") && log.contains("(\"vst3\")"), 60);
            assertEquals(List.of("backend continuo", "plugin lv2", "plugin vst3"), sessions(daemon));
            ardour.closeSession();
            daemon.awaitLog(log -> log.contains("(\"lv2\") closed") && log.contains("(\"vst3\") closed"), 30);
            assertEquals(List.of("backend continuo"), sessions(daemon));
            assertEquals(0, daemon.stop());
        }
    }

    private void scanVst3() throws Exception {
        Path bundle = VST3_BUNDLES.resolve("continuo.vst3");
        Assumptions.assumeTrue(Files.isDirectory(bundle), "the VST3 bundle was not built (native/target/vst3)");
        Ardour.scanVst3(jack, directory, bundle);
    }

    private void accompanyInArdour(String kind, String id, String name) throws Exception {
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2");
                Ardour ardour = Ardour.startWithSession(jack, directory, "JACK", plugins(daemon), "accompany",
                        JackServer.SAMPLE_RATE, 120)) {
            ardour.addMidiTrack("Melody");
            ardour.addMidiTrack("Parts");
            ardour.addPlugin("Melody", kind, id);
            daemon.awaitLog(log -> log.contains("Plug-in session 2 (\"" + name + "\")"), 60);
            jack.startClient(JalvPluginIT.MELODY, "melody.log");
            jack.waitForPort("melody:out");
            ardour.connectInput("Melody", "melody:out");
            ardour.connectInput("Parts", "Melody/midi_out 1");
            ardour.recordArm("Melody", true);
            ardour.roll(0, PASS_FRAMES, true);
            daemon.awaitLog(log -> log.contains("Bars 3–4 (phrase 2 of the song)"), 60);

            ardour.recordArm("Melody", false);
            ardour.disconnectInput("Melody");
            ardour.recordArm("Parts", true);
            Path dump = jack.startDump("out");
            ardour.connectOutput("Melody", "out:input");
            ardour.roll(0, SECOND_PASS_FRAMES, true);
            JalvPluginIT.awaitStillness(dump, 10);

            List<Ardour.Note> melody = ardour.notes("Melody");
            assertTrue(melody.size() >= 8, "the melody region holds the first pass: " + melody);
            MidiDump heard = MidiDump.read(dump);
            MidiDump parts = new MidiDump(heard.events().stream().filter(e -> e.channel() != MELODY_CHANNEL)
                    .toList());
            assertEquals(Set.of(3, 4, 5), channels(parts),
                    "the chorale preset's alto, tenor and bass on channels 3–5");
            assertTrue(parts.noteOns().size() >= 12, "note-ons the plug-in sent: " + parts.noteOns().size());
            assertOnGridWithinOnePass(parts);
            assertEquals(Map.of(), heard.hangingNotes(), "notes left sounding after stop");

            List<Ardour.Note> track = ardour.notes("Parts");
            List<Ardour.Note> recorded = track.stream().filter(n -> n.channel() != MELODY_CHANNEL).toList();
            assertEquals(Set.of(2, 3, 4), recorded.stream().map(Ardour.Note::channel).collect(Collectors.toSet()),
                    "Ardour recorded the parts on channels 3–5 (0-based 2–4): " + recorded);
            List<Ardour.Note> offGrid = recorded.stream().filter(n -> n.startTicks() % TICKS_PER_STEP != 0).toList();
            assertEquals(List.of(), offGrid, "recorded onsets off the sixteenth grid");
            assertTrue(recorded.size() >= 12, "notes recorded: " + recorded.size());

            ardour.save();
            ardour.closeSession();
            ardour.openSession("accompany");
            assertEquals(track, ardour.notes("Parts"), "the saved session holds the recording");
            daemon.awaitLog(log -> log.contains("Plug-in session 3 (\"" + name + "\")"), 60);
            ardour.closeSession();
            assertEquals(0, daemon.stop());
        }
    }

    private Map<String, String> plugins(ServeDaemon daemon) {
        return Map.of("CONTINUO_SOCKET", daemon.socket().toString(), "LV2_PATH", LV2_BUNDLES.toString(),
                "VST3_PATH", VST3_BUNDLES.toString());
    }

    /**
     * Every note-on of one pass lies a whole number of sixteenths after the one before, to the frame, but for
     * two allowances that are not timing errors of the plug-in: a client that missed its cycle on a loaded machine
     * (jack_midi_dump counts only the cycles it ran; Ardour's transport does not advance in a cycle it missed)
     * shifts all later times by whole periods; and notes chased at a cycle start (an
     * accompaniment that arrived after its first notes were due) may be anywhere, at most a quarter of them.
     */
    private static void assertOnGridWithinOnePass(MidiDump events) {
        List<MidiDump.Event> onsets = events.noteOns();
        List<String> off = new ArrayList<>();
        int chased = 0;
        Long previous = null;
        for (MidiDump.Event onset : onsets) {
            if (onset.frame() % JackServer.PERIOD == 0) {
                chased++;
                continue;
            }
            if (previous != null && !wholeStepsApartButForMissedCycles(onset.frame() - previous)) {
                off.add(onset.frame() + " (" + Math.floorMod(onset.frame() - previous, FRAMES_PER_STEP) + ")");
            }
            previous = onset.frame();
        }
        String context = onsets.size() + " note-ons, " + chased + " at a cycle start; off the grid: frame (distance"
                + " from the last onset, modulo a sixteenth)";
        assertEquals(List.of(), off, context);
        assertTrue(chased * 4 <= onsets.size(), context);
    }

    /** Whether frames are a whole number of sixteenths, give or take up to eight whole periods (missed cycles). */
    private static boolean wholeStepsApartButForMissedCycles(long frames) {
        for (int periods = -MISSED_CYCLES; periods <= MISSED_CYCLES; periods++) {
            if (Math.floorMod(frames + (long) periods * JackServer.PERIOD, FRAMES_PER_STEP) == 0) {
                return true;
            }
        }
        return false;
    }

    /** The engine's sessions as "KIND NAME", sorted. */
    private static List<String> sessions(ServeDaemon daemon) throws Exception {
        List<String> sessions = new ArrayList<>();
        for (JsonNode session : daemon.command("sessions").get("sessions")) {
            sessions.add(session.get("kind").asText() + " " + session.get("name").asText());
        }
        return sessions.stream().sorted().toList();
    }

    private static Set<Integer> channels(MidiDump events) {
        return events.noteOns().stream().map(e -> e.channel() + 1).collect(Collectors.toCollection(TreeSet::new));
    }
}
