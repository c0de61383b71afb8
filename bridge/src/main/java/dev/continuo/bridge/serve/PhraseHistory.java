package dev.continuo.bridge.serve;

import dev.continuo.engine.roll.Part;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The newest accompaniments a session made — each phrase's melody and its parts as the mix plays them — numbered in
 * the order they were made, for the studio's live page (the control protocol's {@code phrases SINCE}). A phrase
 * re-voiced after a preset or mix change comes again under a new number. Keeps the last {@value #KEPT}.
 *
 * <p>Written on the generation worker, read on any thread (synchronized; never touched by a real-time thread).
 */
public final class PhraseHistory {

    static final int KEPT = 16;

    /**
     * One accompaniment.
     *
     * @param sequence  its number, from 1, in the order made
     * @param phrase    the phrase's number in the song (0 = the first)
     * @param bookIndex its place in the phrase book (the bars it plays in)
     * @param melody    the melody, one phrase long
     * @param parts     the generated parts as they play, muted ones empty
     */
    public record Entry(long sequence, long phrase, int bookIndex, Part melody, List<Part> parts) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long newest;

    /** Records an accompaniment that now plays. Generation worker. */
    synchronized void add(CapturedPhrase phrase, List<Part> parts) {
        newest++;
        entries.addLast(new Entry(newest, phrase.phrase(), phrase.bookIndex(), phrase.melody(), List.copyOf(parts)));
        if (entries.size() > KEPT) {
            entries.removeFirst();
        }
    }

    /** The number of the newest accompaniment, 0 before the first. */
    public synchronized long newest() {
        return newest;
    }

    /** The kept accompaniments numbered above {@code sequence}, oldest first. */
    public synchronized List<Entry> since(long sequence) {
        return entries.stream().filter(entry -> entry.sequence() > sequence).toList();
    }
}
