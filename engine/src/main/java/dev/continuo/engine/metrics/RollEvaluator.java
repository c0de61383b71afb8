package dev.continuo.engine.metrics;

import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link FileMetrics} for a roll whose melody part is known: the key comes from the melody, beat
 * consonance and tonal distance are measured against it. Percussion takes part only in the bar and note counts.
 * Stateless.
 */
public final class RollEvaluator {

    private final KeyEstimator keyEstimator = new KeyEstimator();

    /** Evaluates every part of the roll against the chosen melody. */
    public FileMetrics evaluate(PianoRoll roll, MelodySelection melodySelection) {
        Part melody = roll.part(melodySelection.partIndex());
        Key key = keyEstimator.estimate(melody);
        int[] bars = roll.barStarts();
        int[] pulses = roll.pulseStarts();

        Map<Part, double[][]> centroids = new IdentityHashMap<>();
        for (Part part : roll.parts()) {
            if (!part.isPercussion()) {
                centroids.put(part, Metrics.barCentroids(part, bars));
            }
        }
        List<TrackMetrics> tracks = new ArrayList<>();
        List<Part> pitched = new ArrayList<>();
        List<Part> accompaniment = new ArrayList<>();
        for (int i = 0; i < roll.parts().size(); i++) {
            Part part = roll.part(i);
            boolean isMelody = i == melodySelection.partIndex();
            if (part.isPercussion()) {
                tracks.add(percussion(part, roll, bars));
                continue;
            }
            pitched.add(part);
            if (!isMelody) {
                accompaniment.add(part);
            }
            double tonalDistance = isMelody ? Double.NaN
                    : Metrics.tonalDistance(centroids.get(part), centroids.get(melody));
            double consonance = isMelody ? Double.NaN : Metrics.beatConsonance(List.of(part), melody, pulses);
            tracks.add(pitchedMetrics(part.name(), isMelody ? "melody" : "part", part.sourceTrack(),
                    part.channel() + 1, List.of(part), roll, key, bars, tonalDistance, consonance));
        }
        TrackMetrics accompanimentMetrics = accompaniment.isEmpty() ? null
                : pitchedMetrics("accompaniment", "group", -1, 0, accompaniment, roll, key, bars,
                        meanPairwiseTonalDistance(accompaniment, centroids),
                        Metrics.beatConsonance(accompaniment, melody, pulses));
        TrackMetrics allMetrics = pitchedMetrics("all", "group", -1, 0, pitched, roll, key, bars,
                meanPairwiseTonalDistance(pitched, centroids),
                accompaniment.isEmpty() ? Double.NaN : Metrics.beatConsonance(accompaniment, melody, pulses));
        return new FileMetrics(key.toString(), melodySelection.reason(), bars.length, tracks, accompanimentMetrics,
                allMetrics);
    }

    private static TrackMetrics pitchedMetrics(String label, String role, int track, int channel, List<Part> parts,
            PianoRoll roll, Key key, int[] bars, double tonalDistance, double consonance) {
        int notes = parts.stream().mapToInt(p -> p.notes().size()).sum();
        return new TrackMetrics(label, role, track, channel, notes,
                Metrics.emptyBarRate(parts, bars, roll.steps()),
                Metrics.pitchesUsed(parts), Metrics.pitchClassesUsed(parts),
                Metrics.inScaleRate(parts, key), Metrics.inScaleRate(parts, Key.C_MAJOR),
                Metrics.qualifiedNoteRate(parts), Metrics.polyphonyRate(parts), tonalDistance, consonance);
    }

    private static TrackMetrics percussion(Part part, PianoRoll roll, int[] bars) {
        List<Part> parts = List.of(part);
        return new TrackMetrics(part.name(), "percussion", part.sourceTrack(), part.channel() + 1,
                part.notes().size(), Metrics.emptyBarRate(parts, bars, roll.steps()), null, null, Double.NaN,
                Double.NaN, Metrics.qualifiedNoteRate(parts), Double.NaN, Double.NaN, Double.NaN);
    }

    private static double meanPairwiseTonalDistance(List<Part> parts, Map<Part, double[][]> centroids) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < parts.size(); i++) {
            for (int j = i + 1; j < parts.size(); j++) {
                double d = Metrics.tonalDistance(centroids.get(parts.get(i)), centroids.get(parts.get(j)));
                if (!Double.isNaN(d)) {
                    sum += d;
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }
}
