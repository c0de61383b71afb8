package dev.continuo.bridge.cli;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.Backends;
import dev.continuo.bridge.backend.alsa.AlsaPorts;
import dev.continuo.bridge.backend.jack.JackPorts;
import dev.continuo.bridge.backend.javasound.MidiDevices;
import dev.continuo.natives.alsa.AlsaSeqLibrary;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sound.midi.MidiUnavailableException;
import picocli.CommandLine.Command;

/** {@code continuo ports}: every backend's MIDI ports, to route to or to name in {@code --input}/{@code --output}. */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = "List the MIDI ports each backend can see (JACK, the ALSA sequencer, javax.sound.midi).")
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
        System.out.println("alsa:");
        try {
            List<AlsaPorts.Port> ports = AlsaPorts.list(AlsaSeqLibrary.load());
            if (ports.isEmpty()) {
                System.out.println("  (no MIDI ports)");
            }
            for (AlsaPorts.Port port : ports) {
                System.out.printf("  %-6s %-7s %s: %s%n", (port.writable() ? "in" : "") + (port.readable() ? "out" : ""),
                        port.address(), port.client(), port.name());
            }
        } catch (BackendException e) {
            System.out.println("  unavailable: " + e.getMessage());
        } catch (UnsatisfiedLinkError e) {
            System.out.println("  unavailable: libasound is not installed");
        }
        System.out.println("javasound (--backend javasound --input NAME --output NAME; CoreMIDI's endpoints on macOS):");
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
