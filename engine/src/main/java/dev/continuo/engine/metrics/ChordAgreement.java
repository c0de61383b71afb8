package dev.continuo.engine.metrics;

import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.List;

/**
 * How well one accompaniment's harmony agrees with another's (a reference such as Bach's own alto, tenor and
 * bass): per counted pulse, the Jaccard similarity |A ∩ B| / |A ∪ B| of the pitch-class sets sounding at the
 * pulse's first step, averaged over pulses where either sounds. Stateless.
 */
public final class ChordAgreement {

    private ChordAgreement() {
    }

    /** Mean Jaccard similarity, or NaN if neither side sounds on any pulse. */
    public static double of(List<Part> generated, List<Part> reference, int[] pulseStarts) {
        double sum = 0;
        int pulses = 0;
        for (int step : pulseStarts) {
            int a = pitchClasses(generated, step);
            int b = pitchClasses(reference, step);
            if ((a | b) == 0) {
                continue;
            }
            sum += (double) Integer.bitCount(a & b) / Integer.bitCount(a | b);
            pulses++;
        }
        return pulses == 0 ? Double.NaN : sum / pulses;
    }

    /** The pitch classes sounding at a step, as a 12-bit set. */
    static int pitchClasses(List<Part> parts, int step) {
        int set = 0;
        for (Part part : parts) {
            if (step >= part.steps()) {
                continue;
            }
            for (int pitch = 0; pitch < PianoRoll.PITCHES; pitch++) {
                if (part.isSounding(step, pitch)) {
                    set |= 1 << (pitch % 12);
                }
            }
        }
        return set;
    }
}
