package dev.continuo.tests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When the soak test injects which fault: rounds in which every kind comes once, in an order and with gaps drawn
 * from a seeded random, until the duration is used up. The same seed and duration give the same plan.
 */
record FaultPlan(List<Fault> faults) {

    /** What the soak test does to the daemon and its surroundings. */
    enum Kind {
        SERVER_RESTART, PRESET_BY_CTL, PRESET_BY_PROGRAM_CHANGE, CC_FLOOD, SYSEX_FLOOD, LOCATE_STORM,
        TRANSPORT_STOP_START, SILENT_CONTROL_CLIENTS, HUGE_CONTROL_LINE, GARBAGE_CONTROL_LINE
    }

    /** A fault due {@code atMillis} after the soak started. */
    record Fault(long atMillis, Kind kind) {
    }

    private static final long MIN_GAP_MILLIS = 2_000;
    private static final long MAX_GAP_MILLIS = 9_000;

    /**
     * Draws a plan for {@code durationMillis}; the last fault comes at least {@code quietMillis} before the end, so
     * that the daemon's last phrases play undisturbed.
     */
    static FaultPlan draw(long seed, long durationMillis, long quietMillis) {
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        long at = 0;
        while (true) {
            List<Kind> round = new ArrayList<>(Arrays.asList(Kind.values()));
            Collections.shuffle(round, random);
            for (Kind kind : round) {
                at += MIN_GAP_MILLIS + (long) (random.nextDouble() * (MAX_GAP_MILLIS - MIN_GAP_MILLIS));
                if (at > durationMillis - quietMillis) {
                    return new FaultPlan(List.copyOf(faults));
                }
                faults.add(new Fault(at, kind));
            }
        }
    }
}
