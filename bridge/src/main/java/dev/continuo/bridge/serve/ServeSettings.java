package dev.continuo.bridge.serve;

import dev.continuo.bridge.realtime.EngineOptions;
import dev.continuo.engine.generate.GenerationSettings;
import java.nio.file.Path;

/**
 * Everything {@code continuo serve} was asked to do.
 *
 * @param clientName name of the client/ports other applications see
 * @param reconnect  reconnect when the MIDI service comes back instead of exiting
 * @param socket     control socket path
 * @param statusLine show a live status line (when standard output is a terminal)
 * @param tempoMaster offer to be the host's tempo source (JACK timebase master) at the engine's bpm
 * @param keyboard   a hardware keyboard to listen to directly (part of its name), or null
 */
public record ServeSettings(String clientName, EngineOptions engine, String preset, GenerationSettings generation,
        boolean reconnect, Path socket, boolean statusLine, boolean tempoMaster, String keyboard) {
}
