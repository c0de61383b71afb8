package dev.continuo.engine.metrics;

/**
 * A major or minor key.
 *
 * <p>Its scale is the seven diatonic pitch classes: the major scale, or the natural minor scale for minor keys
 * (so a minor key's raised leading tone counts as out of scale, as it does in MuseGAN-style in-scale rates).
 *
 * @param tonic pitch class of the tonic, 0 = C … 11 = B
 * @param minor true for a minor key
 */
public record Key(int tonic, boolean minor) {

    public static final Key C_MAJOR = new Key(0, false);

    private static final int[] MAJOR_STEPS = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] MINOR_STEPS = {0, 2, 3, 5, 7, 8, 10};
    private static final String[] NAMES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};

    public Key {
        if (tonic < 0 || tonic > 11) {
            throw new IllegalArgumentException("tonic pitch class out of range 0..11: " + tonic);
        }
    }

    /** True if the pitch class (0–11) belongs to this key's scale. */
    public boolean inScale(int pitchClass) {
        int degree = Math.floorMod(pitchClass - tonic, 12);
        for (int step : minor ? MINOR_STEPS : MAJOR_STEPS) {
            if (step == degree) {
                return true;
            }
        }
        return false;
    }

    /**
     * Semitones, −5..6, that move this key to C major, or a minor key to A minor: both have no sharps or flats, so
     * a key and its relative minor (and the modes on its scale) move alike.
     */
    public int shiftToC() {
        int major = minor ? (tonic + 3) % 12 : tonic;
        int shift = Math.floorMod(-major, 12);
        return shift > 6 ? shift - 12 : shift;
    }

    /** E.g. "G major", "F# minor". */
    @Override
    public String toString() {
        return NAMES[tonic] + (minor ? " minor" : " major");
    }
}
