package dev.continuo.bridge.backend;

/** Hears about a backend's connection. Called on a backend thread that is not the real-time one. */
public interface BackendListener {

    /** The OS MIDI service went away (e.g. the JACK server stopped); the backend is dead and should be closed. */
    void serviceLost(String reason);
}
