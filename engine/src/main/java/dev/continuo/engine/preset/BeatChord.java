package dev.continuo.engine.preset;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * How often the training data sounds one set of pitch classes in its parts on a beat while its melody sounds
 * another, in the key the model was trained in; written as {@code [melody, parts, count]}. Bit p of a set is pitch
 * class p (0 = C).
 *
 * @param melody the melody's pitch classes on the beat (0: the melody rests)
 * @param parts  the parts' pitch classes on the beat, never empty
 * @param count  how many beats sounded so, at least 1
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record BeatChord(int melody, int parts, long count) {

    /** Sets of the 12 pitch classes. */
    public static final int SETS = 1 << 12;

    public BeatChord {
        if (melody < 0 || melody >= SETS || parts <= 0 || parts >= SETS || count < 1) {
            throw new IllegalArgumentException("a beat chord needs pitch-class sets 0-4095 (parts not empty) and a "
                    + "count of at least 1: [" + melody + ", " + parts + ", " + count + "]");
        }
    }
}
