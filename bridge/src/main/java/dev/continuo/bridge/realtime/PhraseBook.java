package dev.continuo.bridge.realtime;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The accompaniment of every phrase of the song, by phrase number: written by the generation thread, read by the
 * real-time thread (volatile reads; no locks).
 */
public final class PhraseBook {

    /** Phrases held at most (at 8 bars a phrase, 8,192 bars). */
    public static final int CAPACITY = 1024;

    private final AtomicReferenceArray<PhrasePattern> patterns = new AtomicReferenceArray<>(CAPACITY);

    /** The accompaniment of phrase {@code index}, or null if it has none yet. */
    public PhrasePattern get(int index) {
        return patterns.get(index);
    }

    /** Publishes (or replaces) the accompaniment of phrase {@code index}. */
    public void put(int index, PhrasePattern pattern) {
        patterns.set(index, pattern);
    }

    /** Whether {@code index} is a phrase number this book can hold. */
    public static boolean holds(long index) {
        return index >= 0 && index < CAPACITY;
    }
}
