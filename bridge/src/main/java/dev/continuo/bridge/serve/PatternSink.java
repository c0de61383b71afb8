package dev.continuo.bridge.serve;

import dev.continuo.bridge.realtime.PhraseBook;
import dev.continuo.bridge.realtime.PhrasePattern;

/**
 * Where a {@link PhraseGenerator} puts each phrase's accompaniment: a session's {@link PhraseBook} for the
 * real-time player, or a plug-in link. Called on the generation worker.
 */
public interface PatternSink {

    /** The pattern last put for phrase {@code index}, or null. */
    PhrasePattern get(int index);

    /** Replaces phrase {@code index}'s pattern. */
    void put(int index, PhrasePattern pattern);

    /** A sink that puts into {@code book}. */
    static PatternSink of(PhraseBook book) {
        return new PatternSink() {
            @Override
            public PhrasePattern get(int index) {
                return book.get(index);
            }

            @Override
            public void put(int index, PhrasePattern pattern) {
                book.put(index, pattern);
            }
        };
    }
}
