package dev.continuo.engine.evaluation;

import dev.continuo.engine.metrics.Key;
import dev.continuo.engine.metrics.KeyEstimator;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Simple accompaniments to measure a model against: the melody an octave down, random notes of the key, and a
 * rule that harmonizes every beat with the first diatonic triad (I, IV, V, vi, ii) holding the melody note.
 * Each returns parts as long as the melody. Stateless apart from the seeds given.
 */
public final class Baselines {

    /** Alto, tenor and bass ranges (MIDI) used by the chord baselines. */
    private static final int[][] RANGES = {{55, 74}, {48, 67}, {36, 57}};
    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
    private static final int[] TRIAD_ORDER = {0, 3, 4, 5, 1};
    private static final int VELOCITY = 80;

    private final KeyEstimator keys = new KeyEstimator();

    /** One part: the melody an octave lower. */
    public List<Part> octaveDown(Part melody) {
        Part part = new Part("Octave", 1, 0, -1, melody.steps());
        for (Note note : melody.notes()) {
            if (note.pitch() >= 12) {
                part.addNote(new Note(note.pitch() - 12, note.startStep(), note.lengthSteps(), note.velocity()));
            }
        }
        return List.of(part);
    }

    /** Three parts, one random note of the melody's key per beat each, in alto, tenor and bass ranges. */
    public List<Part> randomInKey(Part melody, int[] pulseStarts, long seed) {
        Key key = keys.estimate(melody);
        Random random = new Random(seed);
        List<Part> parts = emptyParts(melody.steps());
        for (int p = 0; p < pulseStarts.length; p++) {
            int start = pulseStarts[p];
            int end = p + 1 < pulseStarts.length ? pulseStarts[p + 1] : melody.steps();
            for (int v = 0; v < parts.size(); v++) {
                List<Integer> candidates = new ArrayList<>();
                for (int pitch = RANGES[v][0]; pitch <= RANGES[v][1]; pitch++) {
                    if (key.inScale(pitch % 12)) {
                        candidates.add(pitch);
                    }
                }
                parts.get(v).addNote(new Note(candidates.get(random.nextInt(candidates.size())), start, end - start,
                        VELOCITY));
            }
        }
        return parts;
    }

    /**
     * Three parts (alto, tenor, bass) holding, on every beat, the first of the key's triads I, IV, V, vi, ii that
     * contains the melody's pitch class at the beat (V major in minor keys); the root in the bass. Beats where the
     * melody rests or fits no triad keep the previous chord (the tonic at the start).
     */
    public List<Part> triadRule(Part melody, int[] pulseStarts) {
        Key key = keys.estimate(melody);
        List<Part> parts = emptyParts(melody.steps());
        int[] chord = triad(key, 0);
        for (int p = 0; p < pulseStarts.length; p++) {
            int start = pulseStarts[p];
            int end = p + 1 < pulseStarts.length ? pulseStarts[p + 1] : melody.steps();
            int melodyPitch = melody.highestSounding(start);
            if (melodyPitch >= 0) {
                for (int degree : TRIAD_ORDER) {
                    int[] candidate = triad(key, degree);
                    if (contains(candidate, melodyPitch % 12)) {
                        chord = candidate;
                        break;
                    }
                }
            }
            int[] voicing = {nearest(chord[2], 64), nearest(chord[1], 57), nearest(chord[0], 46)};
            for (int v = 0; v < parts.size(); v++) {
                parts.get(v).addNote(new Note(voicing[v], start, end - start, VELOCITY));
            }
        }
        return parts;
    }

    /** Pitch classes {root, third, fifth} of the triad on a scale degree (0 = tonic). */
    static int[] triad(Key key, int degree) {
        int[] scale = key.minor() ? MINOR : MAJOR;
        int[] chord = new int[3];
        for (int i = 0; i < 3; i++) {
            chord[i] = (key.tonic() + scale[(degree + 2 * i) % 7]) % 12;
        }
        if (key.minor() && degree == 4) {
            chord[1] = (chord[1] + 1) % 12;
        }
        return chord;
    }

    private static boolean contains(int[] chord, int pitchClass) {
        for (int pc : chord) {
            if (pc == pitchClass) {
                return true;
            }
        }
        return false;
    }

    /** The pitch of this pitch class nearest to the target. */
    private static int nearest(int pitchClass, int target) {
        int pitch = target - Math.floorMod(target - pitchClass, 12);
        return target - pitch > 6 ? pitch + 12 : pitch;
    }

    private static List<Part> emptyParts(int steps) {
        List<Part> parts = new ArrayList<>();
        String[] names = {"Alto", "Tenor", "Bass"};
        for (int v = 0; v < names.length; v++) {
            parts.add(new Part(names[v], v + 1, 0, -1, steps));
        }
        return parts;
    }

    /** The grid's pulses for a melody in 4/4 sixteenths (the chorales' grid). */
    public static int[] pulses(int steps) {
        return new PianoRoll(PianoRoll.DEFAULT_STEPS_PER_BEAT, steps, List.of(), List.of(), List.of()).pulseStarts();
    }
}
