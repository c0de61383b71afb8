package dev.continuo.engine.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the audible parts' pitches together rather than part by part. Each decoded note of an audible part is cut
 * at the beats it holds across, and each piece may take any of the {@value #CANDIDATES} rows the model holds most
 * over it; the choice maximises the model's log probability of the chosen rows plus a {@link BeatScore} of the
 * parts' pitch-class set on every beat (the {@link ChordPrior}'s log probability given the melody's, the similarity
 * with a {@link ChordPath}'s chord), by coordinate ascent (a few sweeps, each piece in turn). Pieces of a note that keep its row are joined again, so a note is cut only where
 * the harmony moves. Inaudible parts keep their notes and do not count. Stateless.
 */
final class ChordVoicing {

    private static final int BEAT = ChordPrior.BEAT_STEPS;
    private static final int CANDIDATES = 4;
    private static final int SWEEPS = 3;
    /** A note is cut at a beat only where both pieces would last at least this many steps (or more, if asked). */
    static final int MIN_PIECE_STEPS = 2;

    /** A note or a piece of one, with the rows it may take and the model's log probability of each. */
    private static final class Piece {
        final int start;
        final int end;
        final boolean continues;
        final int[] rows;
        final double[] scores;
        int chosen;

        Piece(int start, int end, boolean continues, int[] rows, double[] scores) {
            this.start = start;
            this.end = end;
            this.continues = continues;
            this.rows = rows;
            this.scores = scores;
        }
    }

    /** How good a set of pitch classes sounding in the parts is on a beat, in log-probability units. */
    @FunctionalInterface
    interface BeatScore {
        double of(int beat, int partsSet);
    }

    private ChordVoicing() {
    }

    /**
     * @param tracks      each track's decoded notes, one at a time per track
     * @param sustain     each track's sustain plane (tanh values)
     * @param audible     which tracks sound
     * @param steps       length of the roll
     * @param rows        pitch rows of the planes
     * @param lowestPitch the pitch of row 0, in the model's key
     * @param score       what a beat's set of the parts' pitch classes is worth
     * @param minPieceSteps a note is cut at a beat only where both pieces last at least this many steps (at least
     *                    {@link #MIN_PIECE_STEPS})
     * @return each track's notes with the chosen rows
     */
    static List<List<TrackDecoder.RowNote>> revoice(List<List<TrackDecoder.RowNote>> tracks,
            List<TrackDecoder.Plane> sustain, boolean[] audible, int steps, int rows, int lowestPitch,
            BeatScore score, int minPieceSteps) {
        int shortest = Math.max(MIN_PIECE_STEPS, minPieceSteps);
        int beats = (steps + BEAT - 1) / BEAT;
        List<List<Piece>> pieces = new ArrayList<>();
        int[][] pieceAtBeat = new int[tracks.size()][beats];
        for (int t = 0; t < tracks.size(); t++) {
            Arrays.fill(pieceAtBeat[t], -1);
            List<Piece> trackPieces = audible[t] ? cut(tracks.get(t), sustain.get(t), rows, shortest) : List.of();
            for (int i = 0; i < trackPieces.size(); i++) {
                Piece piece = trackPieces.get(i);
                for (int beat = firstBeat(piece.start); beat < Math.min(beats, firstBeat(piece.end)); beat++) {
                    pieceAtBeat[t][beat] = i;
                }
            }
            pieces.add(trackPieces);
        }
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int t = 0; t < tracks.size(); t++) {
                for (Piece piece : pieces.get(t)) {
                    double best = Double.NEGATIVE_INFINITY;
                    int bestChoice = piece.chosen;
                    for (int k = 0; k < piece.rows.length; k++) {
                        int pitchClass = 1 << Math.floorMod(lowestPitch + piece.rows[k], 12);
                        double total = piece.scores[k];
                        for (int beat = firstBeat(piece.start); beat < Math.min(beats, firstBeat(piece.end)); beat++) {
                            int others = othersAt(beat, t, pieces, pieceAtBeat, lowestPitch);
                            total += score.of(beat, others | pitchClass);
                        }
                        if (total > best) {
                            best = total;
                            bestChoice = k;
                        }
                    }
                    piece.chosen = bestChoice;
                }
            }
        }
        List<List<TrackDecoder.RowNote>> revoiced = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            revoiced.add(audible[t] ? join(pieces.get(t)) : tracks.get(t));
        }
        return revoiced;
    }

    /** The pitch classes the audible tracks other than {@code track} sound on a beat. */
    private static int othersAt(int beat, int track, List<List<Piece>> pieces, int[][] pieceAtBeat, int lowestPitch) {
        int set = 0;
        for (int u = 0; u < pieces.size(); u++) {
            int index = pieceAtBeat[u][beat];
            if (u != track && index >= 0) {
                Piece other = pieces.get(u).get(index);
                set |= 1 << Math.floorMod(lowestPitch + other.rows[other.chosen], 12);
            }
        }
        return set;
    }

    /** The notes cut at the beats they hold across, each piece with its candidate rows (the decoded one first). */
    private static List<Piece> cut(List<TrackDecoder.RowNote> notes, TrackDecoder.Plane sustain, int rows,
            int shortest) {
        List<Piece> pieces = new ArrayList<>();
        for (TrackDecoder.RowNote note : notes) {
            int start = note.start();
            int end = note.start() + note.length();
            boolean continues = false;
            for (int cut = (start / BEAT + 1) * BEAT; cut < end; cut += BEAT) {
                if (cut - start >= shortest && end - cut >= shortest) {
                    pieces.add(piece(sustain, note.row(), start, cut, continues, rows));
                    continues = true;
                    start = cut;
                }
            }
            pieces.add(piece(sustain, note.row(), start, end, continues, rows));
        }
        return pieces;
    }

    private static Piece piece(TrackDecoder.Plane sustain, int decodedRow, int start, int end, boolean continues,
            int rows) {
        double[] sums = new double[rows];
        for (int step = start; step < end; step++) {
            for (int row = 0; row < rows; row++) {
                sums[row] += Math.log(Math.max(1e-4, (sustain.at(step, row) + 1) / 2));
            }
        }
        Integer[] order = new Integer[rows];
        for (int row = 0; row < rows; row++) {
            order[row] = row;
        }
        Arrays.sort(order, (a, b) -> Double.compare(sums[b], sums[a]));
        int[] candidates = new int[Math.min(CANDIDATES, rows)];
        candidates[0] = decodedRow;
        for (int i = 0, count = 1; count < candidates.length; i++) {
            if (order[i] != decodedRow) {
                candidates[count++] = order[i];
            }
        }
        double[] scores = new double[candidates.length];
        for (int k = 0; k < candidates.length; k++) {
            scores[k] = sums[candidates[k]];
        }
        return new Piece(start, end, continues, candidates, scores);
    }

    /** The pieces as notes: a piece that continues a note on the same row lengthens it. */
    private static List<TrackDecoder.RowNote> join(List<Piece> pieces) {
        List<TrackDecoder.RowNote> notes = new ArrayList<>();
        for (Piece piece : pieces) {
            int row = piece.rows[piece.chosen];
            TrackDecoder.RowNote last = notes.isEmpty() ? null : notes.get(notes.size() - 1);
            if (piece.continues && last != null && last.row() == row) {
                notes.set(notes.size() - 1, new TrackDecoder.RowNote(row, last.start(), piece.end - last.start()));
            } else {
                notes.add(new TrackDecoder.RowNote(row, piece.start, piece.end - piece.start));
            }
        }
        return notes;
    }

    private static int firstBeat(int step) {
        return (step + BEAT - 1) / BEAT;
    }
}
