package dev.continuo.engine.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The sets of the generalization suite: held-out pieces of a data set as they are, moved through all twelve keys,
 * at half and at double speed, and moved and slowed together; and the suite's own melodies ({@link SuiteMelodies}),
 * which are unlike any training data. Stateless.
 */
public final class GeneralizationSuite {

    /** Semitones piece {@code i} is moved by: −5 … +6 in turn, so a set of twelve or more covers every key. */
    static int keyShift(int index) {
        return index % 12 - 5;
    }

    /** One set of pieces, with a name for the table and a line saying what it is. */
    public record PieceSet(String name, String description, List<EvaluationPiece> pieces) {
    }

    private GeneralizationSuite() {
    }

    /** The five variations of a data set's held-out pieces, named "NAME", "NAME-keys", "NAME-half", … */
    public static List<PieceSet> variationsOf(String name, String description, List<EvaluationPiece> pieces) {
        List<PieceSet> sets = new ArrayList<>();
        sets.add(new PieceSet(name, description + ", as written", pieces));
        sets.add(new PieceSet(name + "-keys", description + ", piece i moved by (i mod 12) − 5 semitones: all 12 keys",
                mapIndexed(pieces, (piece, i) -> Variations.transposed(piece, keyShift(i)))));
        sets.add(new PieceSet(name + "-half", description + ", at half speed", map(pieces, Variations::halfSpeed)));
        sets.add(new PieceSet(name + "-double", description + ", at double speed",
                map(pieces, Variations::doubleSpeed)));
        sets.add(new PieceSet(name + "-moved-slowed", description + ", moved through the 12 keys, every other piece "
                + "at half speed", mapIndexed(pieces, (piece, i) -> {
                    EvaluationPiece moved = Variations.transposed(piece, keyShift(i));
                    return i % 2 == 1 ? Variations.halfSpeed(moved) : moved;
                })));
        return sets;
    }

    /** The suite's own melodies (no reference accompaniment). */
    public static PieceSet melodies() {
        List<EvaluationPiece> pieces = SuiteMelodies.load();
        return new PieceSet("melodies", pieces.size() + " public-domain melodies (hymns, carols, children's songs, modal "
                + "folk songs; 3/4, 6/8, pickups), no reference", pieces);
    }

    private interface IndexedMapping {
        EvaluationPiece apply(EvaluationPiece piece, int index);
    }

    private static List<EvaluationPiece> map(List<EvaluationPiece> pieces, UnaryOperator<EvaluationPiece> mapping) {
        return pieces.stream().map(mapping).toList();
    }

    private static List<EvaluationPiece> mapIndexed(List<EvaluationPiece> pieces, IndexedMapping mapping) {
        List<EvaluationPiece> mapped = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            mapped.add(mapping.apply(pieces.get(i), i));
        }
        return mapped;
    }
}
