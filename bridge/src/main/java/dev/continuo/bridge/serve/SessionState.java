package dev.continuo.bridge.serve;

/**
 * Where a {@link Session} is in its life. It moves only forward along
 * STARTING → CONNECTING → RUNNING ⇄ (LOST → CONNECTING), and from any of those to STOPPING → CLOSED.
 */
public enum SessionState {
    /** Warming up the model and opening the keyboard. */
    STARTING,
    /** Opening the backend (again, after a loss), retrying while reconnection is on. */
    CONNECTING,
    /** Ports registered; the real-time cycle runs. */
    RUNNING,
    /** The MIDI service went away; the dead connection is being released. */
    LOST,
    /** Silencing every note and releasing the ports. */
    STOPPING,
    /** Everything released. */
    CLOSED;

    /** Whether the session can still be stopped (it is neither stopping nor closed). */
    public boolean live() {
        return this != STOPPING && this != CLOSED;
    }

    /** Whether {@code next} is a step this state may take. */
    boolean mayBecome(SessionState next) {
        return switch (this) {
            case STARTING -> next == CONNECTING || next == STOPPING;
            case CONNECTING -> next == RUNNING || next == STOPPING;
            case RUNNING -> next == LOST || next == STOPPING;
            case LOST -> next == CONNECTING || next == STOPPING;
            case STOPPING -> next == CLOSED;
            case CLOSED -> false;
        };
    }
}
