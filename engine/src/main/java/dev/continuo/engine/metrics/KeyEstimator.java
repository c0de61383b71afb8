package dev.continuo.engine.metrics;

import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;

/**
 * Estimates the key of a part with the Krumhansl–Schmuckler algorithm.
 *
 * <p>The part's pitch-class profile (how many steps each pitch class sounds) is correlated (Pearson) with the
 * Krumhansl–Kessler major and minor key profiles rotated to all 12 tonics; the best correlation wins, ties going to
 * the lower tonic and to major. A part whose profile is flat or empty has no key: C major is returned. Stateless.
 */
public final class KeyEstimator {

    /** Krumhansl & Kessler (1982) probe-tone ratings, tonic first. */
    private static final double[] MAJOR_PROFILE = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29,
        2.88};
    private static final double[] MINOR_PROFILE = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34,
        3.17};

    /** The most likely key of the part. */
    public Key estimate(Part part) {
        return estimate(pitchClassProfile(part));
    }

    /** The most likely key for a profile of 12 pitch-class weights (C first). */
    public Key estimate(double[] profile) {
        Key best = Key.C_MAJOR;
        double bestCorrelation = Double.NEGATIVE_INFINITY;
        for (int minor = 0; minor < 2; minor++) {
            double[] reference = minor == 1 ? MINOR_PROFILE : MAJOR_PROFILE;
            for (int tonic = 0; tonic < 12; tonic++) {
                double r = correlation(profile, reference, tonic);
                if (r > bestCorrelation) {
                    bestCorrelation = r;
                    best = new Key(tonic, minor == 1);
                }
            }
        }
        return Double.isFinite(bestCorrelation) ? best : Key.C_MAJOR;
    }

    /** Steps sounded per pitch class, C first. */
    static double[] pitchClassProfile(Part part) {
        double[] profile = new double[12];
        for (int step = 0; step < part.steps(); step++) {
            for (int pitch = 0; pitch < PianoRoll.PITCHES; pitch++) {
                if (part.isSounding(step, pitch)) {
                    profile[pitch % 12]++;
                }
            }
        }
        return profile;
    }

    /** Pearson correlation of the profile with the reference rotated so that its tonic lies on {@code tonic}. */
    private static double correlation(double[] profile, double[] reference, int tonic) {
        double meanX = mean(profile);
        double meanY = mean(reference);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int pc = 0; pc < 12; pc++) {
            double x = profile[pc] - meanX;
            double y = reference[Math.floorMod(pc - tonic, 12)] - meanY;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        return sxx == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
