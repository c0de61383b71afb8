package dev.continuo.engine.metrics;

/**
 * The 6-dimensional tonal centroid of Harte, Sandler &amp; Gasser (2006), "Detecting harmonic change in musical
 * audio".
 *
 * <p>A chroma vector (12 pitch-class weights) is L1-normalized and projected onto three circles: fifths (radius 1,
 * angle 7π/6 per semitone), minor thirds (radius 1, 3π/2) and major thirds (radius 0.5, 2π/3). Chords that share
 * tones or lie a fifth apart land close together. Stateless.
 */
public final class TonalCentroid {

    private static final double[] RADII = {1, 1, 0.5};
    private static final double[] ANGLES = {7 * Math.PI / 6, 3 * Math.PI / 2, 2 * Math.PI / 3};

    private TonalCentroid() {
    }

    /** The centroid of a chroma vector, or null if the vector is all zero. */
    public static double[] of(double[] chroma) {
        double total = 0;
        for (double c : chroma) {
            total += c;
        }
        if (total == 0) {
            return null;
        }
        double[] centroid = new double[6];
        for (int pc = 0; pc < 12; pc++) {
            double weight = chroma[pc] / total;
            for (int circle = 0; circle < 3; circle++) {
                double angle = pc * ANGLES[circle];
                centroid[2 * circle] += weight * RADII[circle] * Math.sin(angle);
                centroid[2 * circle + 1] += weight * RADII[circle] * Math.cos(angle);
            }
        }
        return centroid;
    }

    /** Euclidean distance between two centroids. */
    public static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
