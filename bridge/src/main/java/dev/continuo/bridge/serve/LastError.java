package dev.continuo.bridge.serve;

import java.time.Instant;

/** The most recent failure a session reported (it is also logged), for {@code ctl status}. Any thread. */
final class LastError {

    /** What failed, and when. */
    record Entry(String message, Instant at) {
    }

    private volatile Entry last;

    void report(String message) {
        last = new Entry(message, Instant.now());
    }

    /** The last failure, or null if there was none. */
    Entry last() {
        return last;
    }
}
