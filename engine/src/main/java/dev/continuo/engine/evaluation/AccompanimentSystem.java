package dev.continuo.engine.evaluation;

import dev.continuo.engine.roll.Part;
import java.util.List;

/** A way of accompanying melodies that the evaluation compares: the parts it plays for a melody and its bars. */
@FunctionalInterface
public interface AccompanimentSystem {

    /** @param barStarts first step of each of the melody's bars, ascending */
    List<Part> accompany(Part melody, int[] barStarts);
}
