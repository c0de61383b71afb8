package dev.continuo.bridge.cli;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.Backends;
import dev.continuo.bridge.backend.jack.JackPorts;
import dev.continuo.bridge.backend.javasound.MidiDevices;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sound.midi.MidiUnavailableException;
import picocli.CommandLine.Command;

/** {@code continuo ports}: every backend's MIDI ports, to route to or to name in {@code --input}/{@code --output}. */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = "List the MIDI ports each backend can see (JACK, javax.sound.midi).")
final class PortsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("jack:");
        try {
            List<JackPorts.Port> ports = JackPorts.list(Backends.jackLibrary());
            if (ports.isEmpty()) {
                System.out.println("  (no MIDI ports)");
            }
            for (JackPorts.Port port : ports) {
                System.out.printf("  %-4s %s%n", port.source() ? "out" : "in", port.name());
            }
        } catch (BackendException e) {
            System.out.println("  unavailable: " + e.getMessage());
        }
        System.out.println("javasound (--backend javasound --input NAME --output NAME):");
        try {
            List<MidiDevices.Port> ports = new MidiDevices().ports();
            if (ports.isEmpty()) {
                System.out.println("  (no ports: no MIDI hardware or virtual MIDI ports are visible)");
            }
            for (MidiDevices.Port port : ports) {
                System.out.printf("  %-6s %s — %s%n", (port.input() ? "in" : "") + (port.output() ? "out" : ""),
                        port.name(), port.description());
            }
        } catch (MidiUnavailableException e) {
            System.out.println("  unavailable: " + e.getMessage());
        }
        return Continuo.OK;
    }
}
