package dev.continuo.engine.metrics;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.Arrays;
import java.util.List;

/**
 * The accompaniment metrics, each on a group of parts taken together (one part for a per-track figure, all pitched
 * parts for a whole-file figure).
 *
 * <p>Corrected versions of what DeepComposer's console and MuseGAN report: the empty bar rate is the share of
 * <em>empty</em> bars, pitches used is a count, and the in-scale rate is measured against a given key. A rate with
 * nothing to count (no notes, no bars) is {@code NaN}, meaning "undefined", never 0. Stateless.
 */
public final class Metrics {

    /** Notes at least this many steps long are "qualified" (MuseGAN's threshold, in sixteenths). */
    public static final int QUALIFIED_NOTE_STEPS = 3;

    /** Intervals (semitones mod 12) counted as consonant: unison/octave, thirds, fifth, sixths. */
    private static final boolean[] CONSONANT = new boolean[12];

    static {
        for (int interval : new int[] {0, 3, 4, 7, 8, 9}) {
            CONSONANT[interval] = true;
        }
    }

    private Metrics() {
    }

    /**
     * Share of bars in which none of the parts sounds at any step.
     *
     * @param barStarts first step of each bar, ascending (see {@link PianoRoll#barStarts()})
     * @param steps     length of the roll
     */
    public static double emptyBarRate(List<Part> parts, int[] barStarts, int steps) {
        if (barStarts.length == 0) {
            return Double.NaN;
        }
        int empty = 0;
        for (int bar = 0; bar < barStarts.length; bar++) {
            int end = bar + 1 < barStarts.length ? barStarts[bar + 1] : steps;
            if (!soundsBetween(parts, barStarts[bar], end)) {
                empty++;
            }
        }
        return (double) empty / barStarts.length;
    }

    /** Number of distinct MIDI pitches the parts play. */
    public static int pitchesUsed(List<Part> parts) {
        boolean[] used = new boolean[PianoRoll.PITCHES];
        for (Part part : parts) {
            for (Note note : part.notes()) {
                used[note.pitch()] = true;
            }
        }
        return count(used);
    }

    /** Number of distinct pitch classes (0–12) the parts play. */
    public static int pitchClassesUsed(List<Part> parts) {
        boolean[] used = new boolean[12];
        for (Part part : parts) {
            for (Note note : part.notes()) {
                used[note.pitch() % 12] = true;
            }
        }
        return count(used);
    }

    /** Share of sounding (step, pitch) cells whose pitch class is in the key's scale; weighted by duration. */
    public static double inScaleRate(List<Part> parts, Key key) {
        long sounding = 0;
        long inScale = 0;
        for (Part part : parts) {
            for (int step = 0; step < part.steps(); step++) {
                for (int pitch = 0; pitch < PianoRoll.PITCHES; pitch++) {
                    if (part.isSounding(step, pitch)) {
                        sounding++;
                        if (key.inScale(pitch % 12)) {
                            inScale++;
                        }
                    }
                }
            }
        }
        return ratio(inScale, sounding);
    }

    /** Share of notes at least {@link #QUALIFIED_NOTE_STEPS} steps long. */
    public static double qualifiedNoteRate(List<Part> parts) {
        long notes = 0;
        long qualified = 0;
        for (Part part : parts) {
            for (Note note : part.notes()) {
                notes++;
                if (note.lengthSteps() >= QUALIFIED_NOTE_STEPS) {
                    qualified++;
                }
            }
        }
        return ratio(qualified, notes);
    }

    /**
     * Share of sounding steps on which at least two pitches sound (across the parts taken together). Silent steps
     * are left out so that rests do not dilute the figure.
     */
    public static double polyphonyRate(List<Part> parts) {
        if (parts.isEmpty()) {
            return Double.NaN;
        }
        int steps = parts.get(0).steps();
        long active = 0;
        long polyphonic = 0;
        boolean[] sounding = new boolean[PianoRoll.PITCHES];
        for (int step = 0; step < steps; step++) {
            Arrays.fill(sounding, false);
            for (Part part : parts) {
                for (int pitch = 0; pitch < PianoRoll.PITCHES; pitch++) {
                    sounding[pitch] |= part.isSounding(step, pitch);
                }
            }
            int count = count(sounding);
            if (count > 0) {
                active++;
            }
            if (count >= 2) {
                polyphonic++;
            }
        }
        return ratio(polyphonic, active);
    }

    /**
     * Mean tonal distance (Harte et al. 2006) between two parts over the bars in which both sound. Each bar's chroma
     * counts the steps each pitch class sounds in it, as in MuseGAN.
     */
    public static double tonalDistance(Part a, Part b, int[] barStarts) {
        return tonalDistance(barCentroids(a, barStarts), barCentroids(b, barStarts));
    }

    /**
     * {@link #tonalDistance(Part, Part, int[])} from the parts' {@link #barCentroids}: computed once per part, the
     * pairs of many parts cost bars × pairs, not bars × pairs × steps (issue 17: 64 parts, 8,000 bars).
     */
    public static double tonalDistance(double[][] centroidsA, double[][] centroidsB) {
        double sum = 0;
        int bars = 0;
        for (int bar = 0; bar < centroidsA.length; bar++) {
            if (centroidsA[bar] != null && centroidsB[bar] != null) {
                sum += TonalCentroid.distance(centroidsA[bar], centroidsB[bar]);
                bars++;
            }
        }
        return bars == 0 ? Double.NaN : sum / bars;
    }

    /** Each bar's tonal centroid of a part's chroma (null where the part is silent); one pass over its steps. */
    public static double[][] barCentroids(Part part, int[] barStarts) {
        double[][] centroids = new double[barStarts.length][];
        for (int bar = 0; bar < barStarts.length; bar++) {
            int end = bar + 1 < barStarts.length ? barStarts[bar + 1] : part.steps();
            centroids[bar] = TonalCentroid.of(chroma(part, barStarts[bar], end));
        }
        return centroids;
    }

    /**
     * Share of the parts' note onsets on a pulse, where the melody sounds, whose interval to the melody's (highest)
     * note is a unison or octave, third, fifth or sixth.
     *
     * @param pulseStarts first step of each counted pulse (see {@link PianoRoll#pulseStarts()})
     */
    public static double beatConsonance(List<Part> parts, Part melody, int[] pulseStarts) {
        long onsets = 0;
        long consonant = 0;
        for (int step : pulseStarts) {
            int melodyPitch = melody.highestSounding(step);
            if (melodyPitch < 0) {
                continue;
            }
            for (Part part : parts) {
                for (int pitch = 0; pitch < PianoRoll.PITCHES; pitch++) {
                    if (part.isOnset(step, pitch)) {
                        onsets++;
                        if (CONSONANT[Math.abs(pitch - melodyPitch) % 12]) {
                            consonant++;
                        }
                    }
                }
            }
        }
        return ratio(consonant, onsets);
    }

    /**
     * Share of the bars in which the melody sounds where at least one of the parts starts a note: a part that
     * holds one chord through a bar the melody moves in leaves that bar without a new note.
     *
     * @param barStarts first step of each bar, ascending
     * @param steps     length of the roll
     */
    public static double barsWithNewNote(List<Part> parts, Part melody, int[] barStarts, int steps) {
        long bars = 0;
        long withOnset = 0;
        for (int bar = 0; bar < barStarts.length; bar++) {
            int end = bar + 1 < barStarts.length ? barStarts[bar + 1] : steps;
            if (!soundsBetween(List.of(melody), barStarts[bar], end)) {
                continue;
            }
            bars++;
            if (startsBetween(parts, barStarts[bar], end)) {
                withOnset++;
            }
        }
        return ratio(withOnset, bars);
    }

    /**
     * How often the harmony moves: the pulses whose set of sounding pitch classes differs from the last sounding
     * pulse's, per bar in which anything sounds. A chord struck again counts no change; a new chord, or a bass
     * moving under it, counts one.
     */
    public static double chordChangesPerBar(List<Part> parts, int[] pulseStarts, int[] barStarts, int steps) {
        long changes = 0;
        int previous = 0;
        for (int step : pulseStarts) {
            int set = ChordAgreement.pitchClasses(parts, step);
            if (set != 0) {
                if (previous != 0 && set != previous) {
                    changes++;
                }
                previous = set;
            }
        }
        long bars = 0;
        for (int bar = 0; bar < barStarts.length; bar++) {
            int end = bar + 1 < barStarts.length ? barStarts[bar + 1] : steps;
            if (soundsBetween(parts, barStarts[bar], end)) {
                bars++;
            }
        }
        return ratio(changes, bars);
    }

    private static boolean startsBetween(List<Part> parts, int from, int to) {
        for (Part part : parts) {
            for (int step = from; step < Math.min(to, part.steps()); step++) {
                for (int pitch = 0; pitch < PianoRoll.PITCHES; pitch++) {
                    if (part.isOnset(step, pitch)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean soundsBetween(List<Part> parts, int from, int to) {
        for (Part part : parts) {
            for (int step = from; step < Math.min(to, part.steps()); step++) {
                if (part.soundingCount(step) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double[] chroma(Part part, int from, int to) {
        double[] chroma = new double[12];
        for (int step = from; step < to; step++) {
            for (int pitch = 0; pitch < PianoRoll.PITCHES; pitch++) {
                if (part.isSounding(step, pitch)) {
                    chroma[pitch % 12]++;
                }
            }
        }
        return chroma;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean flag : flags) {
            if (flag) {
                n++;
            }
        }
        return n;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
