package dev.continuo.bridge.cli;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.Backends;
import dev.continuo.bridge.backend.PortLister;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code continuo ports}: every backend's MIDI ports, to route to or to name in {@code --input}/{@code --output}. */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = "List the MIDI ports each backend can see (JACK, the ALSA sequencer, javax.sound.midi).")
final class PortsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (PortLister lister : Backends.portListers()) {
            System.out.println(lister.heading());
            try {
                List<PortLister.ListedPort> ports = lister.ports();
                if (ports.isEmpty()) {
                    System.out.println("  " + lister.noPorts());
                }
                for (PortLister.ListedPort port : ports) {
                    System.out.printf("  %-" + lister.directionWidth() + "s %s%n", port.directions(), port.label());
                }
            } catch (BackendException e) {
                System.out.println("  unavailable: " + e.getMessage());
            }
        }
        return Continuo.OK;
    }
}
