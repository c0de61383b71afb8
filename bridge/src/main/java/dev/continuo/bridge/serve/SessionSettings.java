package dev.continuo.bridge.serve;

import dev.continuo.bridge.realtime.EngineOptions;
import dev.continuo.engine.generate.GenerationSettings;

/**
 * What one session was asked to do.
 *
 * @param clientName  name of the client/ports other applications see
 * @param engine      how its real-time engine behaves
 * @param preset      the preset it starts with (name or folder)
 * @param generation  generation settings it starts with
 * @param reconnect   reconnect when the MIDI service comes back instead of ending
 * @param tempoMaster offer to be the host's tempo source (JACK timebase master) at the engine's bpm
 * @param keyboard    a hardware keyboard to listen to directly (part of its name), or null
 */
public record SessionSettings(String clientName, EngineOptions engine, String preset, GenerationSettings generation,
        boolean reconnect, boolean tempoMaster, String keyboard) {
}
