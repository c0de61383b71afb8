package dev.continuo.bridge.realtime;

import dev.continuo.bridge.cycle.StableId;
import java.util.Locale;

/** Where musical time comes from. */
public enum ClockSource implements StableId {
    /** Continuo is the clock ({@code --bpm}); it loops the phrase. */
    INTERNAL,
    /** The JACK transport with a timebase master (position, bar/beat/tick, tempo). */
    JACK,
    /** MIDI clock (24 per quarter note, Start/Stop/Continue, Song Position Pointer) on the melody input. */
    MIDI;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a source up by its id, ignoring case. */
    public static ClockSource byId(String id) {
        return StableId.byId(ClockSource.class, id, "clock");
    }
}
