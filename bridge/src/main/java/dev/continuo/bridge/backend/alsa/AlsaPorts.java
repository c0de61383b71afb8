package dev.continuo.bridge.backend.alsa;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.PortLister;
import dev.continuo.natives.alsa.AlsaSeqLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The MIDI ports of every ALSA sequencer client, as {@code aconnect -l} shows them. */
public final class AlsaPorts {

    /** A port, "client:port", with the client's and the port's names. */
    public record Port(String address, String client, String name, boolean readable, boolean writable) {
    }

    private AlsaPorts() {
    }

    /** Lists the sequencer's ports with libasound, for {@code continuo ports}. */
    public static PortLister lister() {
        return new PortLister() {
            @Override
            public String heading() {
                return "alsa:";
            }

            @Override
            public List<ListedPort> ports() throws BackendException {
                AlsaSeqLibrary alsa;
                try {
                    alsa = AlsaSeqLibrary.load();
                } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                    throw new BackendException("libasound is not installed");
                }
                return list(alsa).stream().map(AlsaPorts::listed).toList();
            }
        };
    }

    /** How {@code continuo ports} shows a port: in/out for "others can write/read", then "client:port client: name". */
    static PortLister.ListedPort listed(Port port) {
        return new PortLister.ListedPort(port.writable(), port.readable(),
                String.format(Locale.ROOT, "%-7s %s: %s", port.address(), port.client(), port.name()));
    }

    /** @throws BackendException if the sequencer cannot be opened (no /dev/snd/seq) */
    public static List<Port> list(AlsaSeqLibrary alsa) throws BackendException {
        AlsaErrors.toDebugLog(alsa);
        PointerByReference reference = new PointerByReference();
        int opened = alsa.snd_seq_open(reference, "default", AlsaSeqLibrary.SND_SEQ_OPEN_DUPLEX,
                AlsaSeqLibrary.SND_SEQ_NONBLOCK);
        if (opened < 0) {
            throw new BackendException("no ALSA sequencer (/dev/snd/seq)", "snd_seq_open", opened);
        }
        Pointer handle = reference.getValue();
        PointerByReference clientReference = new PointerByReference();
        PointerByReference portReference = new PointerByReference();
        alsa.snd_seq_client_info_malloc(clientReference);
        alsa.snd_seq_port_info_malloc(portReference);
        Pointer client = clientReference.getValue();
        Pointer port = portReference.getValue();
        try {
            List<Port> ports = new ArrayList<>();
            alsa.snd_seq_client_info_set_client(client, -1);
            while (alsa.snd_seq_query_next_client(handle, client) >= 0) {
                int clientId = alsa.snd_seq_client_info_get_client(client);
                alsa.snd_seq_port_info_set_client(port, clientId);
                alsa.snd_seq_port_info_set_port(port, -1);
                while (alsa.snd_seq_query_next_port(handle, port) >= 0) {
                    int caps = alsa.snd_seq_port_info_get_capability(port);
                    if ((alsa.snd_seq_port_info_get_type(port) & AlsaSeqLibrary.SND_SEQ_PORT_TYPE_MIDI_GENERIC) == 0) {
                        continue;
                    }
                    ports.add(new Port(clientId + ":" + alsa.snd_seq_port_info_get_port(port),
                            alsa.snd_seq_client_info_get_name(client), alsa.snd_seq_port_info_get_name(port),
                            (caps & AlsaSeqLibrary.SND_SEQ_PORT_CAP_SUBS_READ) != 0,
                            (caps & AlsaSeqLibrary.SND_SEQ_PORT_CAP_SUBS_WRITE) != 0));
                }
            }
            return ports;
        } finally {
            alsa.snd_seq_port_info_free(port);
            alsa.snd_seq_client_info_free(client);
            alsa.snd_seq_close(handle);
        }
    }
}
