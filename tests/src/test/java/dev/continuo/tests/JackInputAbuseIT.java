package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code continuo serve} fed garbage and floods on a real JACK server: random bytes, stray data bytes, undefined
 * status bytes, unterminated and huge SysEx, note-offs without note-ons, then a 10,000 events/s burst of valid notes
 * of which none may be lost.
 */
class JackInputAbuseIT {

    @TempDir
    Path directory;
    private JackServer jack;

    @BeforeEach
    void startJack() throws Exception {
        // The sender runs in this JVM, and libjack takes the server's name from the environment (set by failsafe).
        jack = JackServer.start(directory, System.getenv("JACK_DEFAULT_SERVER"));
    }

    @AfterEach
    void stopJack() throws Exception {
        if (jack != null) {
            jack.close();
        }
    }

    @Test
    void survivesGarbageAndLosesNoValidNoteInATenThousandPerSecondBurst() throws Exception {
        try (ServeDaemon daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--count-in", "0");
                JackByteSender sender = new JackByteSender("abuser")) {
            jack.connect("abuser:out", "continuo:melody_in");
            Random random = new Random(7);
            for (int i = 0; i < 200; i++) {
                byte[] garbage = new byte[1 + random.nextInt(12)];
                random.nextBytes(garbage);
                sender.send(garbage);
            }
            sender.send((byte) 0x40, (byte) 0x7F, (byte) 0x12);
            sender.send((byte) 0xF4, (byte) 0xF5, (byte) 0xF9, (byte) 0xFD);
            sender.send((byte) 0xF0, (byte) 0x41, (byte) 0x10, (byte) 0x42);
            byte[] huge = new byte[20_000];
            huge[0] = (byte) 0xF0;
            huge[huge.length - 1] = (byte) 0xF7;
            sender.send(huge);
            for (int pitch = 40; pitch < 80; pitch++) {
                sender.send((byte) 0x80, (byte) pitch, (byte) 0);
            }
            awaitIdle(sender);
            Thread.sleep(500);
            JsonNode afterGarbage = daemon.status();
            assertTrue(afterGarbage.path("droppedInputBytes").asLong() > 0, afterGarbage.toString());

            int burst = 20_000;
            sender.eventsPerCycle(10_125 * JackServer.PERIOD / JackServer.SAMPLE_RATE); // 10,125 events per second
            for (int i = 0; i < burst / 2; i++) {
                int pitch = 48 + i % 24;
                sender.send((byte) 0x90, (byte) pitch, (byte) 90);
                sender.send((byte) 0x80, (byte) pitch, (byte) 0);
            }
            awaitIdle(sender);
            Thread.sleep(500);
            JsonNode afterBurst = daemon.status();
            assertEquals(burst, afterBurst.path("notesIn").asLong() - afterGarbage.path("notesIn").asLong(),
                    "every valid note message of the burst was taken");
            assertEquals(0, afterBurst.path("lostCapture").asLong(), "capture kept up");
            assertEquals(0, afterBurst.path("callbackFailures").asLong(), "the real-time callback never failed");
            assertTrue(daemon.process().isAlive());
            assertEquals(0, daemon.stop());
        }
    }

    private static void awaitIdle(JackByteSender sender) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!sender.idle() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(sender.idle(), "the sender could not send everything in 30 s");
    }
}
