package dev.continuo.bridge.serve;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A session's {@link SessionState}, changed only by compare-and-set along the allowed steps, and the outcome it
 * ended with. Any thread; {@link #move} never blocks, so a backend's thread may report a loss through it.
 */
final class SessionLifecycle {

    private final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.STARTING);
    private final CompletableFuture<Session.Outcome> closed = new CompletableFuture<>();
    private volatile Session.Outcome outcome = Session.Outcome.STOPPED;

    SessionState state() {
        return state.get();
    }

    /**
     * Moves from {@code from} to {@code to} if the session is in {@code from}.
     *
     * @return false if it was in another state (another thread moved it first)
     * @throws IllegalStateException if the step is not one the lifecycle allows
     */
    boolean move(SessionState from, SessionState to) {
        if (!from.mayBecome(to)) {
            throw new IllegalStateException("a session cannot go from " + from + " to " + to);
        }
        return state.compareAndSet(from, to);
    }

    /** Moves any live state to STOPPING, to end with {@code why}; false if it was already stopping or closed. */
    boolean stop(Session.Outcome why) {
        while (true) {
            SessionState current = state.get();
            if (!current.live()) {
                return false;
            }
            if (state.compareAndSet(current, SessionState.STOPPING)) {
                outcome = why;
                return true;
            }
        }
    }

    /** STOPPING → CLOSED, and wakes whoever awaits the outcome. */
    void closed() {
        if (move(SessionState.STOPPING, SessionState.CLOSED)) {
            closed.complete(outcome);
        }
    }

    /** Waits until the session is closed and returns how it ended. */
    Session.Outcome await() throws InterruptedException {
        try {
            return closed.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits at most {@code millis} for the session to close; false if it had not by then. */
    boolean await(long millis) throws InterruptedException {
        try {
            closed.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
