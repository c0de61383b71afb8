package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code continuo serve} following MIDI clock from a sender that loops as a DAW does (Stop, Song Position Pointer 0
 * and Continue on the frame of the clock where the loop ends), on a real JACK server. {@code jack_midi_dump -a}
 * hears both the sender and the accompaniment, so the loop's frame and the notes' frames come from one count.
 * Skipped, with the reason, where jackd is not installed. About 30 s.
 */
class MidiClockLoopIT {

    /** At 48 kHz and 120 bpm a sixteenth note lasts exactly 6,000 frames, a clock 1,000. */
    private static final int FRAMES_PER_STEP = 6000;
    /** The loop: 7½ sixteenths, so that it ends in the middle of a step, while parts sound. */
    private static final int LOOP_CLOCKS = 45;
    private static final int LOOPS = 8;
    private static final List<String> MELODY = List.of("jack_midiseq", "melody", String.valueOf(32 * FRAMES_PER_STEP),
            "0", "60", "20000", "24000", "62", "20000", "48000", "64", "20000", "72000", "65", "20000",
            "96000", "67", "20000", "120000", "65", "20000", "144000", "64", "20000", "168000", "62", "20000");

    /** Kept when the test fails: the engine's and JACK's logs and the dump are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;
    private JackServer jack;

    @BeforeEach
    void startJack() throws Exception {
        jack = JackServer.start(directory, System.getenv("JACK_DEFAULT_SERVER"));
    }

    @AfterEach
    void stopJack() throws Exception {
        if (jack != null) {
            jack.close();
        }
    }

    @Test
    void aLoopEndsTheSoundingNotesOnItsFrameAndPlaysFromTheTopOnIt() throws Exception {
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--clock", "midi");
                JackByteSender clock = new JackByteSender("clock")) {
            Path dump = jack.startDump("out");
            jack.connect("continuo:accompaniment", "out:input");
            jack.connect("clock:out", "out:input");
            jack.connect("clock:out", "continuo:melody_in");
            jack.startClient(MELODY, "melody.log");
            jack.waitForPort("melody:out");
            jack.connect("melody:out", "continuo:melody_in");
            clock.send((byte) 0xFA);
            clock.clockEvery(1000);
            daemon.awaitPhrases(2, 60);
            jack.disconnect("melody:out", "continuo:melody_in");
            clock.loopEvery(LOOP_CLOCKS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (clock.loopsSent() < LOOPS) {
                assertTrue(System.nanoTime() < deadline, "loops sent: " + clock.loopsSent());
                Thread.sleep(100);
            }
            clock.clockEvery(0);
            clock.send((byte) 0xFC);
            JalvPluginIT.awaitStillness(dump, 10);

            assertLoopsCutAndRestartOnTheirFrames(MidiDump.read(dump));
            assertEquals(0, daemon.stop());
        }
    }

    /**
     * At each loop (the dump's Stop–SPP–Continue event), the accompaniment's sounding notes end on the loop's frame
     * and the phrase's top starts on it: no note started before the loop ends in the sixteenth after it (no note of
     * the accompaniment is that short; the final Stop's note-offs aside). A busy machine's missed cycles lose events
     * but never move one later, so the check holds under load. (Onsets between loops are checked against the grid
     * by JackServeIT's MIDI clock test; the exact frames by RealTimeEngineTest.)
     */
    private static void assertLoopsCutAndRestartOnTheirFrames(MidiDump events) {
        List<Long> loops = framesOf(events, 5);
        List<Long> stops = framesOf(events, 1);
        Map<String, Long> lastOn = new HashMap<>();
        List<String> late = new ArrayList<>();
        int endedAtLoops = 0;
        Set<Long> loopsWithTheirTop = new HashSet<>();
        long loop = -1;
        for (MidiDump.Event event : events.events()) {
            if (loops.contains(event.frame())) {
                loop = event.frame();
            }
            String key = "channel " + (event.channel() + 1) + " pitch "
                    + (event.bytes().length > 1 ? event.pitch() : -1);
            if (event.noteOn()) {
                lastOn.put(key, event.frame());
                if (event.frame() == loop) {
                    loopsWithTheirTop.add(loop);
                }
            } else if (event.noteOff() && loop >= 0 && lastOn.getOrDefault(key, loop) < loop) {
                if (event.frame() == loop) {
                    endedAtLoops++;
                } else if (event.frame() < loop + FRAMES_PER_STEP && !stops.contains(event.frame())) {
                    late.add(key + " from " + lastOn.get(key) + " ended at " + event.frame() + ", after the loop at "
                            + loop);
                }
            }
        }
        String context = loops.size() + " loops, " + endedAtLoops + " notes ended on a loop's frame, "
                + loopsWithTheirTop.size() + " loops with a note starting on their frame";
        assertTrue(loops.size() >= LOOPS / 2, context);
        assertEquals(List.of(), late, "notes sounding past a loop; " + context);
        assertTrue(endedAtLoops > 0, "no note sounded at a loop, so nothing was checked; " + context);
        assertTrue(loopsWithTheirTop.size() * 2 >= loops.size(), "the phrase's top plays on the loop's frame; "
                + context);
    }

    /** The frames of the sender's Stops: alone ({@code length} 1), or in a loop's event with SPP and Continue (5). */
    private static List<Long> framesOf(MidiDump events, int length) {
        return events.events().stream().filter(e -> e.status() == 0xFC && e.bytes().length == length)
                .map(MidiDump.Event::frame).toList();
    }
}
