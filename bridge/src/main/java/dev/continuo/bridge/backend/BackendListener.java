package dev.continuo.bridge.backend;

/**
 * Hears about a backend's connection. Called on a backend thread, possibly the real-time one, which the backend may
 * cancel right after: implementations must return at once, without locking or blocking (set a volatile flag).
 */
public interface BackendListener {

    /** The OS MIDI service went away (e.g. the JACK server stopped); the backend is dead and should be closed. */
    void serviceLost(String reason);
}
