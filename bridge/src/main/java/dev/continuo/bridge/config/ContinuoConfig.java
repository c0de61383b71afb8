package dev.continuo.bridge.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The user's configuration ({@code config.json}): defaults for {@code continuo serve} and the persistent state of
 * the backends. Every key is optional; an absent key means the built-in default. Options given on the command line
 * win over the file.
 *
 * @param backend         MIDI backend id, e.g. "jack"
 * @param clientName      name other applications see
 * @param input           javasound backend: part of the name of the melody's port
 * @param output          javasound backend: part of the name of the accompaniment's port
 * @param ports           "single" or "split"
 * @param preset          default preset name
 * @param bars            bars per phrase, 1–64
 * @param bpm             tempo of Continuo's own clock, 20–400
 * @param clock           "auto", "internal", "jack" or "midi"
 * @param controlChannel  control channel 1–16
 * @param coreMidiUniqueIds persistent CoreMIDI endpoint ids by endpoint name (macOS)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContinuoConfig(String backend, String clientName, String input, String output, String ports, String preset, Integer bars,
        Double bpm, String clock, Integer controlChannel, Map<String, Integer> coreMidiUniqueIds) {

    /** No file, or an empty object: every default. */
    public static ContinuoConfig empty() {
        return new ContinuoConfig(null, null, null, null, null, null, null, null, null, null, null);
    }
}
