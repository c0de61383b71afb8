package dev.continuo.engine.metrics;

/**
 * The metrics of one part, or of a group of parts taken together. Rates lie in [0, 1]; {@code NaN} means
 * undefined (nothing to count), and the pitch counts are null for percussion.
 *
 * @param label                 the part's name, or "all" / "accompaniment" for a group
 * @param role                  "melody", "part", "percussion" or "group"
 * @param track                 MIDI file track the part came from, or -1 for a group
 * @param channel               MIDI channel counted from 1, or 0 for a group
 * @param notes                 number of notes
 * @param emptyBarRate          share of bars with no note sounding
 * @param pitchesUsed           distinct MIDI pitches
 * @param pitchClassesUsed      distinct pitch classes
 * @param inScaleRate           share of sounding cells in the scale of the key estimated from the melody
 * @param inScaleRateCMajor     the same against C major, comparable with DeepComposer and MuseGAN
 * @param qualifiedNoteRate     share of notes at least three steps long
 * @param polyphonyRate         share of sounding steps with two or more pitches
 * @param tonalDistanceToMelody mean tonal distance to the melody per bar (for a group: mean over all pairs of parts)
 * @param beatConsonance        share of onsets on pulses that are consonant with the melody note
 */
public record TrackMetrics(String label, String role, int track, int channel, int notes, double emptyBarRate,
        Integer pitchesUsed, Integer pitchClassesUsed, double inScaleRate, double inScaleRateCMajor,
        double qualifiedNoteRate, double polyphonyRate, double tonalDistanceToMelody, double beatConsonance) {
}
