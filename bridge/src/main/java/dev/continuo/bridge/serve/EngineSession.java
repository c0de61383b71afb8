package dev.continuo.bridge.serve;

import java.util.concurrent.CompletableFuture;

/**
 * What the {@link Engine} and the control protocol see of a session of either kind: a {@link Session} on a MIDI
 * backend, or a {@link PluginSession} linked to a plug-in instance. Any thread.
 */
public interface EngineSession {

    String id();

    /** The name shown to the user (the client name, or the plug-in's). */
    String name();

    /** "backend" or "plugin". */
    String kind();

    SessionState state();

    String presetName();

    /** Bars per phrase. */
    int bars();

    /**
     * Switches to the preset called {@code name} from the next phrase start.
     *
     * @return done when it is in use; failed with the reason it could not be loaded
     */
    CompletableFuture<Void> usePreset(String name);

    /** Ends every note the session plays now. */
    void panic();

    /** Asks the session to stop; its housekeeping rounds carry it out. */
    void stop();

    /** Waits until the session is closed and returns how it ended. */
    Session.Outcome awaitEnd() throws InterruptedException;

    /** Waits at most {@code millis} for the session to close; false if it has not. */
    boolean awaitClosed(long millis) throws InterruptedException;

    /** Milliseconds from each phrase's end to its accompaniment being ready. */
    LatencyLog latencies();

    /** The accompaniments made lately. */
    PhraseHistory phrases();
}
