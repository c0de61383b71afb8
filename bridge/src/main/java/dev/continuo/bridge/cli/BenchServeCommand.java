package dev.continuo.bridge.cli;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.BackendKind;
import dev.continuo.bridge.backend.Backends;
import dev.continuo.bridge.backend.CycleLoad;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.bridge.backend.jack.JackBackend;
import dev.continuo.bridge.bench.ServeProbe;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.realtime.ClockSource;
import dev.continuo.bridge.realtime.EngineOptions;
import dev.continuo.bridge.serve.Engine;
import dev.continuo.bridge.serve.LatencyLog;
import dev.continuo.bridge.serve.Session;
import dev.continuo.bridge.serve.SessionSettings;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.preset.PresetCatalog;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code continuo bench serve}: runs the real-time engine on the running JACK server beside a probe client that plays
 * a melody into it and timestamps what comes back, then prints onset accuracy against the sixteenth-note grid,
 * phrase-ready latency, start-up time, the engine's share of each cycle, and input throughput without loss.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Measure the real-time engine on the running JACK server (e.g. jackd -d dummy) and print "
            + "the figures."})
final class BenchServeCommand implements Callable<Integer> {

    private static final String ENGINE = "continuo-bench";
    private static final String PROBE = "continuo-bench-probe";
    private static final int FLOOD_PER_CYCLE = 54;
    private static final int FLOOD_SECONDS = 2;

    @Option(names = "--seconds", defaultValue = "60", description = "How long the melody plays (default "
            + "${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--bpm", defaultValue = "120", description = "Tempo (default ${DEFAULT-VALUE}).")
    private double bpm;

    @Option(names = "--bars", defaultValue = "2", description = "Bars per phrase (default ${DEFAULT-VALUE}).")
    private int bars;

    @Option(names = "--preset", defaultValue = PresetCatalog.DEFAULT, description = "Preset (default "
            + "${DEFAULT-VALUE}).")
    private String preset;

    @Override
    public Integer call() throws Exception {
        Supplier<MidiBackend> jack;
        try {
            jack = Backends.factory(BackendKind.JACK, null, null, null);
        } catch (BackendException e) {
            throw new BadInputException("bench serve needs JACK: libjack is not installed");
        }
        EngineOptions engine = new EngineOptions(PortLayout.SINGLE, ClockSource.INTERNAL, bars, bpm, 0, false,
                false, -1, 15);
        SessionSettings settings = new SessionSettings(ENGINE, engine, preset, GenerationSettings.defaults(), false,
                false, null);
        PresetCatalog catalog = new PresetCatalog(PresetLocations.userPresets());
        try (Engine daemon = new Engine(catalog)) {
            Session session;
            try {
                session = daemon.open(settings, catalog.load(preset), jack);
            } catch (BackendException e) {
                throw new BadInputException("the engine did not start: " + e.getMessage());
            }
            long readyMillis = ManagementFactory.getRuntimeMXBean().getUptime();
            try (ServeProbe probe = ServeProbe.onJack(PROBE, bpm)) {
                probe.connect(PROBE + ":out", ENGINE + ":" + JackBackend.MELODY_IN);
                probe.connect(ENGINE + ":" + JackBackend.ACCOMPANIMENT, PROBE + ":in");
                System.out.printf(Locale.ROOT, "playing a 2-bar melody into the engine for %d s at %.0f bpm…%n",
                        seconds, bpm);
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                long[] onsets = probe.onsetFrames();
                double bytesPerCycle = allocationPerCycle(session.backend().load());
                probe.mute(true);
                Thread.sleep(500);
                long notesBefore = session.engineStatus().notesIn();
                probe.flood(FLOOD_PER_CYCLE);
                probe.mute(false);
                Thread.sleep(TimeUnit.SECONDS.toMillis(FLOOD_SECONDS));
                probe.mute(true);
                Thread.sleep(500);
                long taken = session.engineStatus().notesIn() - notesBefore;
                report(readyMillis, onsets, probe.framesPerStep(), session.latencies(),
                        session.backend().load(), probe.flooded(), taken);
                System.out.printf(Locale.ROOT, "allocated on the real-time thread: %.0f bytes per cycle%n",
                        bytesPerCycle);
            }
        }
        return Continuo.OK;
    }

    /** Bytes the real-time thread allocates per cycle, over two seconds of playing. */
    private static double allocationPerCycle(CycleLoad load) throws InterruptedException {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = load.threadId();
        long bytes = threads.getThreadAllocatedBytes(thread);
        long cycles = load.cycles();
        Thread.sleep(2000);
        return (threads.getThreadAllocatedBytes(thread) - bytes) / (double) Math.max(1, load.cycles() - cycles);
    }

    private static void report(long readyMillis, long[] onsets, double framesPerStep, LatencyLog latencies,
            CycleLoad load, long flooded, long taken) {
        System.out.printf(Locale.ROOT, "start → ports registered and model warmed up: %d ms%n", readyMillis);
        if (onsets.length == 0) {
            System.out.println("no accompaniment came back");
        } else {
            double[] errors = gridErrors(onsets, framesPerStep);
            System.out.printf(Locale.ROOT, "onsets vs the sixteenth grid (%d note-ons): p50 %.0f, p99 %.0f, max %.0f "
                    + "frames%n", onsets.length, BenchCommand.percentile(errors, 50),
                    BenchCommand.percentile(errors, 99), errors[errors.length - 1]);
        }
        System.out.printf(Locale.ROOT, "phrase end → accompaniment ready (%d phrases): p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms%n", latencies.count(), latencies.quantile(0.5), latencies.quantile(0.99),
                latencies.quantile(1));
        System.out.printf(Locale.ROOT, "engine's share of each cycle: average %.2f %%, worst %.1f %%, %d failures%n",
                100 * load.averageShare(), 100 * load.worstShare(), load.failures());
        System.out.printf(Locale.ROOT, "input flood: %d note messages in %d s (%.0f/s), %d taken, %d lost%n",
                flooded, FLOOD_SECONDS, flooded / (double) FLOOD_SECONDS, taken, flooded - taken);
    }

    /**
     * Distance in frames of each onset from the grid, sorted. The grid's phase is the one most onsets share (the
     * engine's clock started at a frame the probe does not know).
     */
    static double[] gridErrors(long[] onsets, double framesPerStep) {
        Map<Long, Integer> phases = new HashMap<>();
        for (long onset : onsets) {
            phases.merge(Math.round(onset % framesPerStep) % Math.round(framesPerStep), 1, Integer::sum);
        }
        long phase = phases.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        double[] errors = new double[onsets.length];
        for (int i = 0; i < onsets.length; i++) {
            double offset = ((onsets[i] - phase) % framesPerStep + framesPerStep) % framesPerStep;
            errors[i] = Math.min(offset, framesPerStep - offset);
        }
        Arrays.sort(errors);
        return errors;
    }
}
