package dev.continuo.engine.roll;

import java.util.ArrayList;
import java.util.List;

/**
 * Music on a step grid: steps × 128 pitches × parts, with a tempo map and a meter map.
 *
 * <p>The grid has {@code stepsPerBeat} steps per quarter note (4 = sixteenth notes). Tempo and meter maps are
 * sorted by step and always start at step 0. How a roll becomes a model tensor is the model's business, not this
 * class's.
 */
public final class PianoRoll {

    public static final int PITCHES = 128;
    /** Longest roll Continuo handles: 2,048 bars of 4/4 in sixteenths, about 17 minutes at 120 bpm. */
    public static final int MAX_STEPS = 32_768;
    /** Most parts in one roll (16 channels on each of 4 tracks). */
    public static final int MAX_PARTS = 64;
    public static final int DEFAULT_STEPS_PER_BEAT = 4;

    private final int stepsPerBeat;
    private final int steps;
    private final List<Part> parts;
    private final List<TempoChange> tempos;
    private final List<MeterChange> meters;

    /**
     * @param stepsPerBeat steps per quarter note, 1–96
     * @param steps        length in steps; every part must have this length
     * @param parts        the parts, at most {@link #MAX_PARTS}
     * @param tempos       tempo map; empty means 120 bpm throughout
     * @param meters       meter map; empty means 4/4 throughout
     */
    public PianoRoll(int stepsPerBeat, int steps, List<Part> parts, List<TempoChange> tempos,
            List<MeterChange> meters) {
        if (stepsPerBeat < 1 || stepsPerBeat > 96) {
            throw new IllegalArgumentException("steps per beat out of range 1..96: " + stepsPerBeat);
        }
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps out of range 0.." + MAX_STEPS + ": " + steps);
        }
        if (parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("too many parts: " + parts.size() + " (at most " + MAX_PARTS + ")");
        }
        for (Part part : parts) {
            if (part.steps() != steps) {
                throw new IllegalArgumentException(part + " has " + part.steps() + " steps, the roll " + steps);
            }
        }
        this.stepsPerBeat = stepsPerBeat;
        this.steps = steps;
        this.parts = List.copyOf(parts);
        this.tempos = normalizedTempos(tempos);
        this.meters = normalizedMeters(meters);
    }

    private static List<TempoChange> normalizedTempos(List<TempoChange> tempos) {
        List<TempoChange> sorted = new ArrayList<>(tempos);
        sorted.sort((a, b) -> Integer.compare(a.step(), b.step()));
        if (sorted.isEmpty() || sorted.get(0).step() != 0) {
            sorted.add(0, new TempoChange(0, TempoChange.DEFAULT_MICROS_PER_QUARTER));
        }
        return List.copyOf(sorted);
    }

    private static List<MeterChange> normalizedMeters(List<MeterChange> meters) {
        List<MeterChange> sorted = new ArrayList<>(meters);
        sorted.sort((a, b) -> Integer.compare(a.step(), b.step()));
        if (sorted.isEmpty() || sorted.get(0).step() != 0) {
            sorted.add(0, new MeterChange(0, Meter.FOUR_FOUR));
        }
        return List.copyOf(sorted);
    }

    public int stepsPerBeat() {
        return stepsPerBeat;
    }

    public int steps() {
        return steps;
    }

    public List<Part> parts() {
        return parts;
    }

    public Part part(int index) {
        return parts.get(index);
    }

    /** Tempo map, sorted, first entry at step 0. */
    public List<TempoChange> tempos() {
        return tempos;
    }

    /** Meter map, sorted, first entry at step 0. */
    public List<MeterChange> meters() {
        return meters;
    }

    /** The meter in force at a step. */
    public Meter meterAt(int step) {
        Meter meter = meters.get(0).meter();
        for (MeterChange change : meters) {
            if (change.step() > step) {
                break;
            }
            meter = change.meter();
        }
        return meter;
    }

    /**
     * The first step of every bar, ascending. Bars follow the meter map; a meter change starts a new bar. The last
     * bar may be cut short by the end of the roll.
     */
    public int[] barStarts() {
        return gridStarts(true);
    }

    /** The first step of each bar of a roll of {@code steps} whose bars are all {@code stepsPerBar} long. */
    public static int[] evenBarStarts(int steps, int stepsPerBar) {
        int[] starts = new int[Math.max(1, (steps + stepsPerBar - 1) / stepsPerBar)];
        for (int bar = 0; bar < starts.length; bar++) {
            starts[bar] = bar * stepsPerBar;
        }
        return starts;
    }

    /** The first step of every counted pulse (see {@link Meter#stepsPerPulse}), ascending. */
    public int[] pulseStarts() {
        return gridStarts(false);
    }

    private int[] gridStarts(boolean bars) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < meters.size(); i++) {
            MeterChange change = meters.get(i);
            int until = i + 1 < meters.size() ? Math.min(steps, meters.get(i + 1).step()) : steps;
            Meter meter = change.meter();
            int stride = bars ? meter.stepsPerBar(stepsPerBeat) : meter.stepsPerPulse(stepsPerBeat);
            for (int step = change.step(); step < until; step += stride) {
                starts.add(step);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
