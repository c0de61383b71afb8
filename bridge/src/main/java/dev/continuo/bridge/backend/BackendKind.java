package dev.continuo.bridge.backend;

import dev.continuo.bridge.cycle.StableId;

/** The MIDI backends Continuo knows, with stable ids used on the command line and in the config. */
public enum BackendKind implements StableId {
    /** The JACK Audio Connection Kit (Linux, macOS, Windows): virtual ports, transport, frame-accurate. */
    JACK("jack"),
    /** The ALSA sequencer (Linux without JACK; PipeWire offers it too). */
    ALSA("alsa"),
    /** macOS CoreMIDI: virtual endpoints every Mac DAW sees. */
    COREMIDI("coremidi"),
    /** Windows: virtual ports through the virtual MIDI driver that comes with loopMIDI. */
    WINDOWS("windows"),
    /** javax.sound.midi: connects to existing ports (hardware, loopMIDI, IAC) by name; any OS. */
    JAVASOUND("javasound");

    private final String id;

    BackendKind(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** Looks a backend up by its id, ignoring case. */
    public static BackendKind byId(String id) {
        return StableId.byId(BackendKind.class, id, "backend");
    }
}
