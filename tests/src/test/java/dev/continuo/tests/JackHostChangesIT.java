package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code continuo serve} when the rest of the JACK graph changes under it, driven by JACK's own example clients:
 * another client taking and releasing the timebase master role ({@code jack_transport master}, {@code release}),
 * a synth connected after start ({@code jack_midi_dump}), a transport that starts, locates and loses its master.
 * Skipped, with the reason, where jackd is not installed.
 */
class JackHostChangesIT {

    private static final Predicate<MidiDump.Event> PROGRAM_CHANGE = event -> (event.status() & 0xF0) == 0xC0;
    /** A note-on on channel 10: the own clock's count-in or metronome. */
    private static final Predicate<MidiDump.Event> CLICK = event -> event.noteOn() && event.channel() == 9;

    @TempDir
    Path directory;
    private JackServer jack;

    @BeforeEach
    void startJack() throws Exception {
        jack = JackServer.start(directory);
    }

    @AfterEach
    void stopJack() throws Exception {
        if (jack != null) {
            jack.close();
        }
    }

    @Test
    void noticesAnotherTimebaseMasterOnceAndTakesTheRoleBackWhenItIsReleased() throws Exception {
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--timebase-master",
                "--bpm", "90")) {
            assertEquals("held", daemon.status().path("timebaseMaster").asText());
            OutputStream transport = jack.startClient(List.of("jack_transport"), "transport.log").getOutputStream();
            send(transport, "master\n");
            daemon.awaitLog(log -> log.contains("Another JACK client took the timebase master role"), 20);
            assertEquals("taken", daemon.status().path("timebaseMaster").asText());
            ContinuoProcess.Result status = ContinuoProcess.run(directory, ContinuoProcess.SMALL_HEAP,
                    ServeDaemon.environment(jack, directory), "ctl", "status", "--socket",
                    daemon.socket().toString());
            assertTrue(status.stdout().contains("timebase master: another client"), status.stdout());

            send(transport, "release\n");
            daemon.awaitLog(log -> log.contains("Timebase master again at 90.0 bpm"), 20);
            assertEquals("held", daemon.status().path("timebaseMaster").asText());
            String log = daemon.log();
            assertEquals(log.indexOf("took the timebase master role"), log.lastIndexOf("took the timebase master role"),
                    "the loss is logged once: " + log);
            assertEquals(0, daemon.stop());
        }
    }

    @Test
    void aSynthConnectedAfterStartGetsTheProgramsOfTheParts() throws Exception {
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--count-in", "0")) {
            awaitCycles(daemon, 100); // the first programs went out long before anyone listened
            Path dump = jack.startDump("synth");
            jack.connect("continuo:accompaniment", "synth:input");
            List<MidiDump.Event> programs = awaitEvents(dump, PROGRAM_CHANGE, 4, 20);
            Set<Integer> channels = programs.stream().map(MidiDump.Event::channel).collect(Collectors.toSet());
            assertEquals(Set.of(1, 2, 3, 4), channels, "chorale's four parts on channels 2–5: " + channels);
            daemon.awaitLog(log -> log.contains("A new connection to the accompaniment"), 10);
            assertEquals(0, daemon.stop());
        }
    }

    @Test
    void programsAtTransportStartNoClickOnLocatesAndNoOwnClockAfterTheMasterQuits() throws Exception {
        Process transportProcess = jack.startClient(List.of("jack_transport"), "transport.log");
        OutputStream transport = transportProcess.getOutputStream();
        send(transport, "master\ntempo 120\nlocate 0\n");
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2")) {
            Path dump = jack.startDump("synth");
            jack.connect("continuo:accompaniment", "synth:input");
            int atConnection = awaitEvents(dump, PROGRAM_CHANGE, 4, 20).size();
            send(transport, "play\n");
            awaitEvents(dump, PROGRAM_CHANGE, atConnection + 4, 20);
            assertEquals("JACK", daemon.status().path("clock").asText());

            for (int locate = 0; locate < 20; locate++) {
                send(transport, "locate " + locate * 12_000 + "\n");
                awaitCycles(daemon, 3);
            }
            send(transport, "quit\n");
            assertTrue(transportProcess.waitFor(10, TimeUnit.SECONDS), "jack_transport did not quit");
            long cycles = daemon.status().path("cycles").asLong();
            while (daemon.status().path("cycles").asLong() < cycles + 100) { // two seconds of cycles, 1,024 each
                assertEquals("JACK", daemon.status().path("clock").asText(), "switched to its own clock");
                Thread.sleep(20);
            }
            assertFalse(daemon.status().path("rolling").asBoolean());
            List<MidiDump.Event> clicks = MidiDump.read(dump).events().stream().filter(CLICK).toList();
            assertEquals(List.of(), clicks, "count-in clicks on channel 10");
            assertEquals(0, daemon.stop());
        }
    }

    /** Waits until the engine ran {@code more} cycles from now. */
    private static void awaitCycles(ServeDaemon daemon, long more) throws Exception {
        long target = daemon.status().path("cycles").asLong() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (daemon.status().path("cycles").asLong() < target) {
            assertTrue(System.nanoTime() < deadline, "the engine ran no cycles");
            Thread.sleep(20);
        }
    }

    /** Waits until the dump holds at least {@code count} events that match, and returns them. */
    private static List<MidiDump.Event> awaitEvents(Path dump, Predicate<MidiDump.Event> matching, int count,
            int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            List<MidiDump.Event> found = MidiDump.read(dump).events().stream().filter(matching).toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + found.size() + " of " + count + " events in " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    private static void send(OutputStream commands, String text) throws java.io.IOException {
        commands.write(text.getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }
}
