package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuo.engine.preset.PresetCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak of {@code continuo serve} on a real JACK server: the timebase master is the daemon and, from one server
 * restart to the next, {@code jack_transport} in turn; {@code jack_transport} rolls the transport and loops eight
 * bars, the test's own JACK clients play a melody into
 * {@code melody_in}, {@code jack_midi_dump} records everything the daemon plays, and faults come on a plan drawn
 * from a seeded random ({@link FaultPlan}): server restarts, preset switches by {@code ctl} and by Program Change,
 * controller and SysEx floods, locate storms, transport stops, and hostile control-socket clients. At the end: no note left sounding, every valid message sent
 * counted in by the daemon, every worker thread alive with no error reported, and memory flat.
 *
 * <p>While {@code jack_transport} is the master the transport is stopped before each relocation (the loop's and
 * the locate storms'): relocated while rolling, its timebase callback continues from the locate request's position,
 * whose bar, beat and tempo fields libjack leaves uninitialized, and on such garbage it gives no bar/beat or spins
 * in its process callback for good (see {@link JackTransport}).
 *
 * <p>The server runs in JACK 2's synchronous mode: in the default asynchronous one, a client late on a loaded machine
 * has what it wrote in that cycle dropped or what it read repeated by the server itself, which would show up here
 * as lost or doubled events and notes without their note-off that the daemon never caused. What was sent is held
 * against what the daemon counted in period by period, from one fault to the next; the periods with xruns are
 * counted too.
 *
 * <p>{@code -Dsoak.minutes=N} sets the duration (2 in {@code mvn verify}; {@code -Psoak} runs 30),
 * {@code -Dsoak.seed=S} the plan. The figures go to standard output and {@code target/soak-report.txt}.
 */
@Tag("slow")
class ServeSoakIT {

    private static final int MINUTES = Integer.getInteger("soak.minutes", 2);
    private static final long SEED = Long.getLong("soak.seed", 17);
    private static final int CONTROL_CHANNEL = 15;
    /** Eight bars at 120 bpm: the loop the transport plays, as a DAW's loop range would. */
    private static final long LOOP_MILLIS = 16_000;
    private static final long LOOP_FRAMES = 8 * 96_000;
    /** The end of a run, without faults, in which the daemon must still accompany new phrases. */
    private static final long QUIET_MILLIS = 20_000;
    /**
     * A recording ended by its server's death cannot show the note-offs of notes that started shortly before:
     * accompaniment notes are shorter than a 2-bar phrase, so a note-on followed by four bars of recorded events
     * without its note-off is left hanging; later ones count as cut off.
     */
    private static final long SETTLE_FRAMES = 4 * 96_000;
    /** Memory is flat when the last third's average exceeds the first third's by no more than 10 % (and 4 MiB). */
    private static final double MEMORY_MARGIN = 0.10;
    private static final long MEMORY_SLACK_KIB = 4096;
    /**
     * Resident memory settles only after the first minutes (code cache, both presets' native buffers, threads and
     * their malloc arenas after a reconnection): it is held flat after a warm-up of two minutes, in runs of ten
     * minutes or more, and reported in shorter ones. The heap after a full collection is held flat in every run.
     */
    private static final long RSS_WARM_UP_MILLIS = 120_000;
    private static final long RSS_MIN_DURATION_MILLIS = 600_000;
    private static final List<String> WORKERS = List.of("continuo-housekeeping", "continuo-connect",
            "continuo-generate", "continuo-control");
    /** The daemon's longest SysEx message taken (F0 and F7 included); longer ones are dropped as garbage. */
    private static final int MAX_SYSEX_BYTES = 256;

    /** Kept when the soak fails: the daemon's log, the recordings and the JACK tools' output. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;
    private JackServer jack;
    private ServeDaemon daemon;
    private final SoakInput input = new SoakInput(CONTROL_CHANNEL);
    private final Map<FaultPlan.Kind, Integer> injected = new EnumMap<>(FaultPlan.Kind.class);
    private final List<Recording> recordings = new ArrayList<>();
    private final List<MemorySample> memory = new ArrayList<>();
    private final Map<String, Long> figures = new HashMap<>();
    private JackTransport transport;
    /** Whether {@code jack_transport} is the timebase master in this epoch (between two server restarts). */
    private boolean transportIsMaster;
    private Path dump;
    private long loopStartNanos;
    private long periodMessagesSent;
    private long periodSysExSent;
    private long periodMessagesIn;
    private long periodSysExIn;
    private long periodLongSysExBytesSent;
    private long periodDroppedBytes;
    private long periodXruns;
    private final List<String> timeline = new ArrayList<>();

    private record Recording(Path dump, boolean cutByServer) {
    }

    private record MemorySample(long atMillis, long residentKib, long heapKib) {
    }

    @AfterEach
    void stopEverything() throws Exception {
        input.close();
        if (daemon != null) {
            daemon.close();
        }
        if (jack != null) {
            jack.close();
        }
    }

    @Test
    void survivesFaultsWithNoHangingNoteNoLostEventNoDeadWorkerAndFlatMemory() throws Exception {
        // The soak's own JACK clients run in this JVM, whose libjack takes the server's name from the environment.
        jack = JackServer.startSynchronous(directory, System.getenv("JACK_DEFAULT_SERVER"));
        List<String> presets = new PresetCatalog(directory.resolve("data/continuo/presets")).list().stream()
                .map(PresetCatalog.Entry::name).toList();
        daemon = ServeDaemon.start(jack, directory, "--bars", "2", "--timebase-master", "--bpm", "120");
        DaemonProbe probe = new DaemonProbe(daemon.process().pid());
        ControlAbuse abuse = new ControlAbuse(daemon.socket());
        startEpoch();
        daemon.awaitPhrases(1, 60);

        long durationMillis = TimeUnit.MINUTES.toMillis(MINUTES);
        FaultPlan plan = FaultPlan.draw(SEED, durationMillis, QUIET_MILLIS);
        Random random = new Random(SEED);
        long sampleEveryMillis = Math.max(10_000, durationMillis / 60);
        long start = System.nanoTime();
        long nextSample = 0;
        for (FaultPlan.Fault fault : plan.faults()) {
            nextSample = runUntil(start, fault.atMillis(), nextSample, sampleEveryMillis, probe);
            timeline.add(String.format("%7d ms %s", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    fault.kind()));
            settlePeriod();
            if (fault.kind() != FaultPlan.Kind.SERVER_RESTART) {
                input.resume();
            }
            inject(fault.kind(), random, presets, abuse);
            injected.merge(fault.kind(), 1, Integer::sum);
            assertTrue(daemon.status().has("state"), "status answered after " + fault.kind());
        }
        long phrasesBeforeQuiet = daemon.status().path("phrasesAccompanied").asLong();
        runUntil(start, durationMillis, nextSample, sampleEveryMillis, probe);
        long phrasesInQuiet = awaitStatus(status -> status.path("phrasesAccompanied").asLong()
                >= phrasesBeforeQuiet + 2, 60).path("phrasesAccompanied").asLong() - phrasesBeforeQuiet;
        figures.put("phrases accompanied after the last fault", phrasesInQuiet);

        transport.send("stop\n");
        awaitStatus(status -> status.path("soundingNotes").asInt() == 0 && !status.path("rolling").asBoolean(), 30);
        settlePeriod();
        recordings.add(new Recording(dump, false));
        List<String> threads = probe.threadNames();
        JsonNode status = daemon.status();
        int exitCode = daemon.stop();
        String log = daemon.log();

        List<String> missingWorkers = WORKERS.stream().filter(worker -> !threads.contains(worker)).toList();
        List<String> errorLines = log.lines()
                .filter(line -> line.startsWith("ERROR") || line.startsWith("Exception in thread")).toList();
        Map<String, Integer> hanging = new HashMap<>();
        long cutOff = 0;
        long noteOns = 0;
        long events = 0;
        for (Recording recording : recordings) {
            MidiDump dump = MidiDump.read(recording.dump());
            MidiDump.Sounding sounding = dump.notesLeftSounding(recording.cutByServer() ? SETTLE_FRAMES : 0);
            sounding.hanging().forEach((note, count) -> hanging.merge(note, count, Integer::sum));
            cutOff += sounding.cutOff();
            noteOns += dump.noteOns().size();
            events += dump.events().size();
        }
        figures.put("note-ons recorded", noteOns);
        figures.put("events recorded", events);
        figures.put("notes cut off by a server's death", cutOff);
        figures.put("phrases accompanied", status.path("phrasesAccompanied").asLong());
        String memoryFigures = memoryFigures();
        report(plan, hanging, missingWorkers, errorLines, status, memoryFigures);

        assertAll(
                () -> assertTrue(plan.faults().stream().map(FaultPlan.Fault::kind).distinct().count()
                        == FaultPlan.Kind.values().length, "every kind of fault was injected: " + injected),
                () -> assertEquals(Map.of(), hanging, "notes left sounding"),
                () -> assertTrue(figures.get("note-ons recorded") > 0, "the daemon played"),
                () -> assertTrue(phrasesInQuiet >= 2, "phrases accompanied after the last fault: " + phrasesInQuiet),
                () -> assertEquals(0L, figures.get("messages lost"), "valid messages sent but not counted in"),
                () -> assertEquals(0L, figures.get("sysex lost"), "SysEx sent but not counted in"),
                () -> assertEquals(0L, figures.get("long sysex bytes not dropped"), "too long SysEx not dropped whole"),
                () -> assertEquals(0, status.path("lostCapture").asLong(), "melody events capture could not take"),
                () -> assertEquals(0, status.path("lostOutput").asLong(), "output events that did not fit"),
                () -> assertEquals(0, status.path("callbackFailures").asLong(), "real-time callback failures"),
                () -> assertEquals(List.of(), missingWorkers, "worker threads alive: " + threads),
                () -> assertTrue(status.path("lastError").isMissingNode(), "no error reported: " + status),
                () -> assertEquals(List.of(), errorLines, "no error in the daemon's log"),
                () -> assertFlat("heap after a full collection", MemorySample::heapKib, 0),
                () -> {
                    if (durationMillis >= RSS_MIN_DURATION_MILLIS) {
                        assertFlat("resident memory", MemorySample::residentKib, RSS_WARM_UP_MILLIS);
                    }
                },
                () -> assertEquals(10L * injected.getOrDefault(FaultPlan.Kind.GARBAGE_CONTROL_LINE, 0),
                        figures.getOrDefault("garbage lines answered", 0L), "every garbage line got an error reply"),
                () -> assertEquals((long) injected.getOrDefault(FaultPlan.Kind.HUGE_CONTROL_LINE, 0),
                        figures.getOrDefault("huge lines answered", 0L), "every huge line got a reply"),
                () -> assertEquals(0, exitCode, "ctl stop ends the daemon with 0"));
    }

    /** Keeps the loop going and samples memory until {@code atMillis} after {@code start}; returns the next sample. */
    private long runUntil(long start, long atMillis, long nextSample, long sampleEveryMillis, DaemonProbe probe)
            throws Exception {
        while (true) {
            long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (now >= atMillis) {
                return nextSample;
            }
            if (now >= nextSample) {
                memory.add(new MemorySample(now, probe.residentKib(), probe.heapAfterGcKib()));
                nextSample += sampleEveryMillis;
            } else if (System.nanoTime() - loopStartNanos >= TimeUnit.MILLISECONDS.toNanos(LOOP_MILLIS)) {
                locate(0);
                loopStartNanos = System.nanoTime();
            } else {
                Thread.sleep(Math.min(50, atMillis - now));
            }
        }
    }

    private void inject(FaultPlan.Kind kind, Random random, List<String> presets, ControlAbuse abuse)
            throws Exception {
        switch (kind) {
            case SERVER_RESTART -> restartServer();
            case PRESET_BY_CTL -> {
                String preset = presets.get(random.nextInt(presets.size()));
                assertTrue(daemon.command("preset " + preset).path("ok").asBoolean(), "ctl preset " + preset);
            }
            case PRESET_BY_PROGRAM_CHANGE -> input.programChange(random.nextInt(presets.size()));
            case CC_FLOOD -> input.controllerFlood(random, 2000 + random.nextInt(3000));
            case SYSEX_FLOOD -> input.sysExFlood(random, 100 + random.nextInt(400), MAX_SYSEX_BYTES);
            case LOCATE_STORM -> {
                if (transportIsMaster) {
                    stopTransport();
                }
                for (int i = 0; i < 20; i++) {
                    transport.send("locate " + random.nextLong(LOOP_FRAMES) + "\n");
                    Thread.sleep(20 + random.nextInt(60));
                }
                transport.send(transportIsMaster ? "locate 0\nplay\n" : "locate 0\n");
                loopStartNanos = System.nanoTime();
            }
            case TRANSPORT_STOP_START -> {
                stopTransport();
                Thread.sleep(500 + random.nextInt(2500));
                transport.send("locate 0\nplay\n");
                loopStartNanos = System.nanoTime();
            }
            case SILENT_CONTROL_CLIENTS -> assertTrue(abuse.statusAnsweredBesideSilentClients(8),
                    "status answered beside 8 silent clients");
            case HUGE_CONTROL_LINE -> count("huge lines answered", abuse.hugeLine(16 << 20).contains("\"error\""));
            case GARBAGE_CONTROL_LINE -> {
                for (int i = 0; i < 10; i++) {
                    count("garbage lines answered", abuse.garbageLine(random).contains("\"error\""));
                }
            }
        }
    }

    /** Kills the JACK server while the transport rolls and starts it again; the daemon must reconnect by itself. */
    private void restartServer() throws Exception {
        recordings.add(new Recording(dump, true));
        input.closeClients();
        int lost = occurrences("The JACK server went away");
        int reconnected = occurrences("Reconnected");
        jack.stopServer();
        daemon.awaitLog(log -> occurrences(log, "The JACK server went away") > lost, 30);
        jack.startServer();
        daemon.awaitLog(log -> occurrences(log, "Reconnected") > reconnected, 60);
        jack.waitForPort("continuo:melody_in");
        startEpoch();
    }

    /**
     * Connects a new recording, transport and input on the (new) server; in every other epoch {@code jack_transport}
     * takes the timebase master role from the daemon, which must follow it.
     */
    private void startEpoch() throws Exception {
        String dumpName = "soak-out-" + recordings.size();
        dump = jack.startDump(dumpName);
        jack.connect("continuo:accompaniment", dumpName + ":input");
        transportIsMaster = recordings.size() % 2 == 1;
        transport = JackTransport.startRolling(jack, "transport-" + recordings.size() + ".log", transportIsMaster);
        String role = transportIsMaster ? "taken" : "held";
        assertEquals(role, awaitStatus(status -> role.equals(status.path("timebaseMaster").asText()), 10)
                .path("timebaseMaster").asText(), "the daemon's timebase master role in epoch " + recordings.size());
        figures.merge(transportIsMaster ? "epochs with jack_transport as timebase master"
                : "epochs with the daemon as timebase master", 1L, Long::sum);
        loopStartNanos = System.nanoTime();
        startPeriod(daemon.status());
        input.open(jack, "continuo:melody_in");
    }

    /** Takes the daemon's counts and the input's as the start of the next period. */
    private void startPeriod(JsonNode status) {
        periodMessagesIn = status.path("messagesIn").asLong();
        periodSysExIn = status.path("sysExIn").asLong();
        periodDroppedBytes = status.path("droppedInputBytes").asLong();
        periodXruns = status.path("xruns").asLong();
        periodMessagesSent = input.messages();
        periodSysExSent = input.sysEx();
        periodLongSysExBytesSent = input.longSysExBytes();
    }

    /**
     * Stops the melody, lets everything queued go out and waits (5 s at most: what JACK carries arrives within a
     * cycle) until the daemon has counted in every valid message and SysEx of this period and dropped every too long
     * SysEx; adds up the differences and starts the next period.
     */
    private void settlePeriod() throws Exception {
        input.pause();
        input.awaitSent(60_000);
        long messages = input.messages() - periodMessagesSent;
        long sysEx = input.sysEx() - periodSysExSent;
        long longSysExBytes = input.longSysExBytes() - periodLongSysExBytesSent;
        JsonNode status = awaitStatus(s -> s.path("messagesIn").asLong() - periodMessagesIn >= messages
                && s.path("sysExIn").asLong() - periodSysExIn >= sysEx
                && s.path("droppedInputBytes").asLong() - periodDroppedBytes >= longSysExBytes, 5);
        // The daemon counts xruns per connection; a period never spans a reconnection.
        long xruns = status.path("xruns").asLong() - periodXruns;
        figures.merge("xruns", xruns, Long::sum);
        figures.merge(xruns > 0 ? "periods with xruns" : "periods without xruns", 1L, Long::sum);
        figures.merge("messages lost", messages - (status.path("messagesIn").asLong() - periodMessagesIn),
                Long::sum);
        figures.merge("sysex lost", sysEx - (status.path("sysExIn").asLong() - periodSysExIn), Long::sum);
        figures.merge("long sysex bytes not dropped", longSysExBytes
                - (status.path("droppedInputBytes").asLong() - periodDroppedBytes), Long::sum);
        startPeriod(status);
    }

    /** Waits until the daemon's status satisfies {@code condition}, or the timeout passes; returns the last one. */
    private JsonNode awaitStatus(Predicate<JsonNode> condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode status = daemon.status();
        while (!condition.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = daemon.status();
        }
        return status;
    }

    /** Stops the transport and waits (10 s at most) until the daemon sees it stopped. */
    private void stopTransport() throws Exception {
        transport.send("stop\n");
        awaitStatus(status -> !status.path("rolling").asBoolean(), 10);
    }

    /**
     * Relocates the transport to {@code frame}: while it rolls with the daemon as the timebase master, as a DAW's
     * loop does; with {@code jack_transport} as the master, stopped and started again (see the class comment).
     */
    private void locate(long frame) throws Exception {
        if (transportIsMaster) {
            stopTransport();
            transport.send("locate " + frame + "\nplay\n");
        } else {
            transport.send("locate " + frame + "\n");
        }
    }

    private void count(String figure, boolean yes) {
        figures.merge(figure, yes ? 1L : 0L, Long::sum);
    }

    private int occurrences(String text) throws IOException {
        return occurrences(daemon.log(), text);
    }

    private static int occurrences(String log, String text) {
        return (int) log.lines().filter(line -> line.contains(text)).count();
    }

    /** The average of the first and last third of the samples after the first one and after {@code warmUpMillis}. */
    private long[] thirds(ToLongFunction<MemorySample> value, long warmUpMillis) {
        List<MemorySample> samples = memory.stream().skip(1).filter(sample -> sample.atMillis() >= warmUpMillis)
                .toList();
        if (samples.isEmpty()) {
            return new long[] {0, 0};
        }
        int third = Math.max(1, samples.size() / 3);
        double first = samples.subList(0, third).stream().mapToLong(value).average().orElse(0);
        double last = samples.subList(samples.size() - third, samples.size()).stream().mapToLong(value).average()
                .orElse(0);
        return new long[] {Math.round(first), Math.round(last)};
    }

    private void assertFlat(String what, ToLongFunction<MemorySample> value, long warmUpMillis) {
        assertTrue(memory.size() >= 4, "at least four memory samples: " + memory);
        long[] thirds = thirds(value, warmUpMillis);
        assertTrue(thirds[1] <= thirds[0] * (1 + MEMORY_MARGIN) + MEMORY_SLACK_KIB, what + " grew from "
                + thirds[0] + " KiB (first third) to " + thirds[1] + " KiB (last third); samples " + memory);
    }

    private String memoryFigures() {
        if (memory.size() < 4) {
            return "too few memory samples: " + memory;
        }
        long[] resident = thirds(MemorySample::residentKib, 0);
        long[] warm = thirds(MemorySample::residentKib, RSS_WARM_UP_MILLIS);
        long[] heap = thirds(MemorySample::heapKib, 0);
        return String.format("memory (%d samples): RSS %d -> %d KiB (after the warm-up %d -> %d KiB), heap after GC %d "
                + "-> %d KiB (first -> last third; first sample %d KiB RSS, last %d KiB)", memory.size(), resident[0],
                resident[1], warm[0], warm[1], heap[0], heap[1], memory.get(0).residentKib(),
                memory.get(memory.size() - 1).residentKib());
    }

    private void report(FaultPlan plan, Map<String, Integer> hanging, List<String> missingWorkers,
            List<String> errorLines, JsonNode status, String memoryFigures) throws IOException {
        StringBuilder report = new StringBuilder();
        report.append(String.format("soak: %d min, seed %d, %d faults: %s%n", MINUTES, SEED, plan.faults().size(),
                injected));
        report.append(String.format("sent: %d valid messages (%d notes), %d SysEx, %d bytes of too long SysEx; "
                + "daemon counted in: %d messages, %d notes, %d SysEx, dropped %d bytes%n", input.messages(),
                input.notes(), input.sysEx(), input.longSysExBytes(), status.path("messagesIn").asLong(),
                status.path("notesIn").asLong(), status.path("sysExIn").asLong(),
                status.path("droppedInputBytes").asLong()));
        report.append(String.format("figures: %s%n", figures));
        report.append(String.format("lostCapture %d, lostOutput %d, callbackFailures %d, hanging notes %s%n",
                status.path("lostCapture").asLong(), status.path("lostOutput").asLong(),
                status.path("callbackFailures").asLong(), hanging));
        report.append(String.format("workers missing %s, lastError %s, error lines in the log %d%n", missingWorkers,
                status.path("lastError").asText("none"), errorLines.size()));
        report.append(memoryFigures).append(System.lineSeparator());
        report.append("status at the end: ").append(status).append(System.lineSeparator());
        report.append("faults:").append(System.lineSeparator());
        timeline.forEach(line -> report.append(line).append(System.lineSeparator()));
        for (MemorySample sample : memory) {
            report.append(String.format("  %7d ms  RSS %7d KiB  heap %7d KiB%n", sample.atMillis(),
                    sample.residentKib(), sample.heapKib()));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "soak-report.txt"), report, StandardCharsets.UTF_8);
    }
}
