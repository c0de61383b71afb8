package dev.continuo.bridge.serve;

import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;

/**
 * The melody of one phrase as captured and quantized.
 *
 * @param phrase       the phrase's number in the song (0 = the first)
 * @param bookIndex    where its accompaniment goes in the phrase book
 * @param melody       the melody on a grid of sixteenths, one phrase long
 * @param closedNanos  {@link System#nanoTime()} when the phrase was closed
 * @param complete     whether the take ran to the phrase's end; false when a transport stop or jump cut it short
 * @param stepsPerBar  the length of its bars in sixteenths
 */
public record CapturedPhrase(long phrase, int bookIndex, Part melody, long closedNanos, boolean complete,
        int stepsPerBar) {

    public CapturedPhrase {
        if (stepsPerBar < 1) {
            throw new IllegalArgumentException("bars of " + stepsPerBar + " steps");
        }
    }

    /** The first step of each of its bars. */
    public int[] barStarts() {
        return PianoRoll.evenBarStarts(melody.steps(), stepsPerBar);
    }
}
