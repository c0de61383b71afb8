package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code continuo serve} with a real Ardour 7 (headless, on the test's real JACK server) as the JACK timebase master,
 * as issue 17 found it with a DAW: a session takes the role when it opens and releases it when Ardour quits, and
 * gives bar, beat and tempo from its tempo map. The transport itself is moved by {@code jack_transport} (start,
 * stop, locates while rolling): Ardour 7.3's Lua interface cannot make its own transport follow JACK's, so its own
 * roll would not move the clock that Continuo and every other JACK client follow. {@code jack_midiseq} plays the
 * melody, {@code jack_midi_dump} records what Continuo sends and what an Ardour track passes on. About 20 s each.
 */
class ArdourServeIT {

    private static final int CLICK_CHANNEL = 9;
    private static final Pattern COMPLETE_TAKE = Pattern.compile(
            "Bars 1–2 \\(phrase 1 of the song\\): (\\d+) melody notes → (\\d+) accompaniment notes");

    /** Kept when a test fails: Ardour's, the engine's and JACK's logs and the dump are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;
    private JackServer jack;

    @BeforeEach
    void startJack() throws Exception {
        Assumptions.assumeTrue(Ardour.installed(), "Ardour 7 is not installed (apt install ardour: ardour7-lua)");
        jack = JackServer.start(directory);
    }

    @AfterEach
    void stopJack() throws Exception {
        if (jack != null) {
            jack.close();
        }
    }

    /**
     * Issue 17, items 2, 3 and 5: Continuo, timebase master with {@code --clock auto}, notices Ardour's session
     * taking the role, follows Ardour's bar and beat through locates without switching to its own clock or clicking
     * its count-in, and takes the role back once Ardour has quit; an Ardour track connected to the accompaniment
     * after the programs first went out gets every part's program.
     */
    @Test
    void followsArdourThroughLocatesWithoutItsOwnClockAndTakesTheTimebaseBackWhenArdourQuits() throws Exception {
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--timebase-master", "--bpm",
                "120", "--count-in", "1")) {
            assertEquals("held", daemon.status().path("timebaseMaster").asText());
            Path dump = jack.startDump("out");
            jack.connect("continuo:accompaniment", "out:input");
            Path throughArdour = jack.startDump("track");
            playMelody();
            try (Ardour ardour = Ardour.startWithSession(jack, directory, "JACK", Map.of(), "locates",
                    JackServer.SAMPLE_RATE, 120)) {
                daemon.awaitLog(log -> log.contains("Another JACK client took the timebase master role"), 30);
                assertEquals("taken", daemon.status().path("timebaseMaster").asText());
                // Item 5: a track connected after the programs first went out; armed, Ardour passes its input on.
                ardour.addMidiTrack("Parts");
                ardour.recordArm("Parts", true);
                ardour.connectOutput("Parts", "track:input");
                ardour.connectInput("Parts", "continuo:accompaniment");
                OutputStream transport = transport();
                send(transport, "locate 0\nplay\n");
                daemon.awaitPhrases(1, 30);
                for (int locate = 0; locate < 6; locate++) {
                    send(transport, "locate 0\n");
                    Thread.sleep(500); // not a check: the pace of a user's jumps
                    assertEquals("JACK", daemon.status().path("clock").asText(), "no switch to the own clock");
                }
                send(transport, "stop\n");
            }
            daemon.awaitLog(log -> log.contains("Timebase master again at 120.0 bpm"), 30);
            assertEquals("held", daemon.status().path("timebaseMaster").asText());
            assertEquals("JACK", daemon.status().path("clock").asText());
            JalvPluginIT.awaitStillness(dump, 5);

            MidiDump heard = MidiDump.read(dump);
            assertTrue(heard.noteOns().size() > 0, "accompanied on Ardour's bar and beat");
            assertEquals(Map.of(), heard.hangingNotes(), "notes left sounding after the locates and the stop");
            assertEquals(List.of(), heard.noteOns().stream().filter(e -> e.channel() == CLICK_CHANNEL)
                    .map(MidiDump.Event::frame).toList(), "the own clock's count-in clicked behind Ardour's back");
            MidiDump track = MidiDump.read(throughArdour);
            List<MidiDump.Event> programs = track.events().stream().filter(e -> (e.status() & 0xF0) == 0xC0).toList();
            assertEquals(Set.of(2, 3, 4, 5), programs.stream().map(e -> e.channel() + 1).collect(Collectors.toSet()),
                    "every part's program reached the Ardour track connected later");
            assertTrue(track.noteOns().isEmpty() || programs.get(0).frame() <= track.noteOns().get(0).frame(),
                    "before its first note");
            String log = daemon.log();
            assertEquals(log.indexOf("took the timebase master role"), log.lastIndexOf("took the timebase master role"),
                    "one warning, not one per locate: " + log);
            assertEquals(0, daemon.stop());
        }
    }

    /**
     * Issue 17, item 1: with Ardour as the timebase master, a whole phrase is played, then a retake stopped after
     * its first note; the next pass plays the complete take's accompaniment.
     */
    @Test
    void aTakeStoppedAfterItsFirstNoteLeavesTheCompleteTakesAccompanimentPlaying() throws Exception {
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2");
                Ardour ardour = Ardour.startWithSession(jack, directory, "JACK", Map.of(), "takes",
                        JackServer.SAMPLE_RATE, 120)) {
            OutputStream transport = transport();
            playMelody();
            send(transport, "locate 0\nplay\n");
            daemon.awaitLog(log -> COMPLETE_TAKE.matcher(log).find(), 30);
            Matcher take = COMPLETE_TAKE.matcher(daemon.log());
            assertTrue(take.find());
            assertTrue(Integer.parseInt(take.group(1)) >= 7, "a complete take: " + take.group());
            int complete = Integer.parseInt(take.group(2));
            assertEquals("JACK", daemon.status().path("clock").asText(), "on Ardour's bar and beat");

            send(transport, "stop\nlocate 0\nplay\n");
            Thread.sleep(700); // not a check: the retake is stopped during its second note
            send(transport, "stop\n");
            daemon.awaitLog(log -> log.contains("Phrase 1: a take cut short with"), 30);
            jack.disconnect("melody:out", "continuo:melody_in");
            Path dump = jack.startDump("out");
            jack.connect("continuo:accompaniment", "out:input");
            send(transport, "locate 0\nplay\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (MidiDump.read(dump).noteOns().size() < complete && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            send(transport, "stop\n");
            JalvPluginIT.awaitStillness(dump, 5);

            int heard = MidiDump.read(dump).noteOns().size();
            assertTrue(heard * 4 >= complete * 3, "the complete take's " + complete + " notes play, not the cut"
                    + " take's: " + heard + " heard");
            assertFalse(COMPLETE_TAKE.matcher(daemon.log()).results().count() > 1,
                    "the cut take replaced the complete one: " + daemon.log());
            assertEquals(0, daemon.stop());
        }
    }

    private void playMelody() throws Exception {
        jack.startClient(JalvPluginIT.MELODY, "melody.log");
        jack.waitForPort("melody:out");
        jack.connect("melody:out", "continuo:melody_in");
    }

    private OutputStream transport() throws Exception {
        return jack.startClient(List.of("jack_transport"), "transport.log").getOutputStream();
    }

    private static void send(OutputStream commands, String text) throws IOException {
        commands.write(text.getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }
}
