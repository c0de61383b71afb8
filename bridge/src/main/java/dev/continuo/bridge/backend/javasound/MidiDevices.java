package dev.continuo.bridge.backend.javasound;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.PortLister;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;
import uk.co.xfactorylibrarians.coremidi4j.CoreMidiDeviceProvider;

/**
 * The MIDI ports javax.sound.midi can see (hardware, and other applications' ports such as loopMIDI, IAC or
 * Windows MIDI Services), found by name. On macOS the devices come from CoreMIDI4J, whose SysEx and hot-plugging
 * work where the JDK's own macOS provider's do not; elsewhere from the JDK. Software devices (the JDK's sequencer and
 * synthesizer) are left out of the search: they are not ports a musician means.
 */
public class MidiDevices {

    /** A port: a device with its direction. */
    public record Port(String name, String description, boolean input, boolean output) {
    }

    /**
     * Calls {@code listener} (on CoreMIDI4J's thread) whenever devices are plugged in or out; does nothing where
     * CoreMIDI4J is not active (off macOS).
     */
    public static void onChange(Runnable listener) {
        try {
            if (CoreMidiDeviceProvider.isLibraryLoaded()) {
                CoreMidiDeviceProvider.addNotificationListener(listener::run);
            }
        } catch (uk.co.xfactorylibrarians.coremidi4j.CoreMidiException e) {
            // Not on macOS, or CoreMIDI unavailable: no notifications.
        }
    }

    /** Lists what javax.sound.midi sees, for {@code continuo ports}. */
    public static PortLister lister() {
        return new PortLister() {
            @Override
            public String heading() {
                return "javasound (--backend javasound --input NAME --output NAME; CoreMIDI's endpoints on macOS):";
            }

            @Override
            public String noPorts() {
                return "(no ports: no MIDI hardware or virtual MIDI ports are visible)";
            }

            @Override
            public List<ListedPort> ports() throws BackendException {
                try {
                    return new MidiDevices().ports().stream().map(port -> new ListedPort(port.input(), port.output(),
                            port.name() + " — " + port.description())).toList();
                } catch (MidiUnavailableException e) {
                    throw new BackendException(e.getMessage());
                }
            }
        };
    }

    /** Every hardware or application port, in the order javax.sound.midi lists them. */
    public List<Port> ports() throws MidiUnavailableException {
        List<Port> ports = new ArrayList<>();
        for (MidiDevice.Info info : CoreMidiDeviceProvider.getMidiDeviceInfo()) {
            MidiDevice device = MidiSystem.getMidiDevice(info);
            if (device instanceof Sequencer || device instanceof Synthesizer) {
                continue;
            }
            ports.add(new Port(info.getName(), info.getDescription(), device.getMaxTransmitters() != 0,
                    device.getMaxReceivers() != 0));
        }
        return ports;
    }

    /**
     * The first port whose name contains {@code name} (ignoring case) in the given direction.
     *
     * @throws MidiUnavailableException naming the ports there are, if none matches
     */
    public MidiDevice find(String name, boolean input) throws MidiUnavailableException {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> candidates = new ArrayList<>();
        for (MidiDevice.Info info : CoreMidiDeviceProvider.getMidiDeviceInfo()) {
            MidiDevice device = MidiSystem.getMidiDevice(info);
            boolean fits = input ? device.getMaxTransmitters() != 0 : device.getMaxReceivers() != 0;
            if (!fits || device instanceof Sequencer || device instanceof Synthesizer) {
                continue;
            }
            if (info.getName().toLowerCase(Locale.ROOT).contains(wanted)) {
                return device;
            }
            candidates.add(info.getName());
        }
        throw new MidiUnavailableException("no MIDI " + (input ? "input" : "output") + " port matches \"" + name
                + "\"" + (candidates.isEmpty() ? " (javax.sound.midi sees none)" : "; there are: "
                        + String.join(", ", candidates)));
    }
}
