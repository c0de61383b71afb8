package dev.continuo.engine.data;

import dev.continuo.engine.roll.Part;
import java.util.List;

/**
 * One piece to learn from: a melody and the (up to four) parts that accompany it, all of the same length.
 *
 * @param name   where it came from, for messages
 * @param melody the melody
 * @param parts  the accompaniment, at most {@code Architecture.TRACKS} parts; missing parts stay silent
 */
public record Example(String name, Part melody, List<Part> parts) {

    public Example {
        parts = List.copyOf(parts);
        for (Part part : parts) {
            if (part.steps() != melody.steps()) {
                throw new IllegalArgumentException(name + ": parts differ in length");
            }
        }
    }

    public int steps() {
        return melody.steps();
    }
}
