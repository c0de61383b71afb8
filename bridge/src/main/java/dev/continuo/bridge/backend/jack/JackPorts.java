package dev.continuo.bridge.backend.jack;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.Backends;
import dev.continuo.bridge.backend.PortLister;
import dev.continuo.natives.jack.JackLibrary;
import java.util.List;

/** The MIDI ports on the running JACK server, listed by a short-lived client. */
public final class JackPorts {

    /** A port and whether others can read from it (a source) or write to it (a destination). */
    public record Port(String name, boolean source) {
    }

    private JackPorts() {
    }

    /** Lists the running server's ports with libjack, for {@code continuo ports}. */
    public static PortLister lister() {
        return new PortLister() {
            @Override
            public String heading() {
                return "jack:";
            }

            @Override
            public int directionWidth() {
                return 4;
            }

            @Override
            public List<ListedPort> ports() throws BackendException {
                return list(Backends.jackLibrary()).stream()
                        .map(port -> new ListedPort(!port.source(), port.source(), port.name())).toList();
            }
        };
    }

    /** @throws BackendException if no JACK server is running */
    public static List<Port> list(JackLibrary jack) throws BackendException {
        JackBackend.logLibjackMessages(jack);
        int[] status = new int[1];
        Pointer client = jack.jack_client_open("continuo-ports", JackLibrary.JackNoStartServer, status);
        if (client == null) {
            throw new BackendException("no JACK server is running", "jack_client_open", status[0]);
        }
        try {
            List<Port> ports = new java.util.ArrayList<>();
            for (String name : names(jack, client, JackLibrary.JackPortIsOutput)) {
                ports.add(new Port(name, true));
            }
            for (String name : names(jack, client, JackLibrary.JackPortIsInput)) {
                ports.add(new Port(name, false));
            }
            return ports;
        } finally {
            jack.jack_client_close(client);
        }
    }

    private static String[] names(JackLibrary jack, Pointer client, int flags) {
        Pointer names = jack.jack_get_ports(client, null, "midi", new NativeLong(flags));
        if (names == null) {
            return new String[0];
        }
        try {
            return names.getStringArray(0);
        } finally {
            jack.jack_free(names);
        }
    }
}
