package dev.continuo.bridge.backend;

import java.util.List;

/**
 * The MIDI ports one backend kind sees (other applications' and hardware ports), for {@code continuo ports}: one
 * implementation per kind, beside its backend, so that nothing above {@code backend} touches a native binding.
 */
public interface PortLister {

    /** A port as listed: whether others can send to it ({@code input}) or read from it ({@code output}). */
    record ListedPort(boolean input, boolean output, String label) {

        /** "in", "out" or "inout". */
        public String directions() {
            return (input ? "in" : "") + (output ? "out" : "");
        }
    }

    /** The line above the list, e.g. "jack:". */
    String heading();

    /** Characters of the direction column. */
    default int directionWidth() {
        return 6;
    }

    /** What to say when there are none. */
    default String noPorts() {
        return "(no MIDI ports)";
    }

    /**
     * The ports, listed by a short-lived client.
     *
     * @throws BackendException if the service is not running or its library is not installed
     */
    List<ListedPort> ports() throws BackendException;
}
