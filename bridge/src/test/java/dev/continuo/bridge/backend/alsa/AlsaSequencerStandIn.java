package dev.continuo.bridge.backend.alsa;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.continuo.natives.alsa.AlsaSeqEvent;
import dev.continuo.natives.alsa.AlsaSeqLibrary;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * ALSA's real MIDI codec with a stand-in for the sequencer device (absent on most machines): records the events
 * sent, hands over queued input events, and answers port queries from a small table of clients and ports.
 */
class AlsaSequencerStandIn implements AlsaSeqLibrary {

    static final AlsaSeqLibrary REAL = AlsaSeqLibrary.load();

    /** Clients (id, name) and their ports (port, name, capability, type). */
    final java.util.TreeMap<Integer, String> clients = new java.util.TreeMap<>();
    final java.util.Map<Integer, java.util.List<Object[]>> clientPorts = new java.util.HashMap<>();
    private final java.util.Map<Long, int[]> cursors = new java.util.HashMap<>();

    final List<byte[]> sent = new CopyOnWriteArrayList<>();
    final List<Memory> pending = new CopyOnWriteArrayList<>();
    int queueStarts;

    @Override
    public int snd_lib_error_set_handler(ErrorHandler handler) {
        return 0;
    }

    @Override
    public int snd_seq_open(PointerByReference handle, String name, int streams, int mode) {
        handle.setValue(new Memory(8));
        return 0;
    }

    @Override
    public int snd_seq_close(Pointer handle) {
        return 0;
    }

    @Override
    public int snd_seq_set_client_name(Pointer handle, String name) {
        return 0;
    }

    @Override
    public int snd_seq_client_id(Pointer handle) {
        return 128;
    }

    private int ports;

    @Override
    public int snd_seq_create_simple_port(Pointer handle, String name, int caps, int type) {
        return ports++;
    }

    @Override
    public int snd_seq_alloc_queue(Pointer handle) {
        return 3;
    }

    @Override
    public int snd_seq_free_queue(Pointer handle, int queue) {
        return 0;
    }

    @Override
    public int snd_seq_control_queue(Pointer handle, int queue, int type, int value, Pointer event) {
        queueStarts += type == SND_SEQ_EVENT_START ? 1 : 0;
        return 0;
    }

    @Override
    public int snd_seq_drain_output(Pointer handle) {
        return 0;
    }

    @Override
    public int snd_seq_event_output_direct(Pointer handle, Pointer event) {
        sent.add(event.getByteArray(0, AlsaSeqEvent.SIZE));
        return AlsaSeqEvent.SIZE;
    }

    @Override
    public int snd_seq_event_input(Pointer handle, PointerByReference event) {
        if (pending.isEmpty()) {
            return EAGAIN;
        }
        event.setValue(pending.remove(0));
        return 1;
    }

    @Override
    public int snd_seq_nonblock(Pointer handle, int nonblock) {
        return 0;
    }

    @Override
    public int snd_midi_event_new(NativeLong bufferSize, PointerByReference encoder) {
        return REAL.snd_midi_event_new(bufferSize, encoder);
    }

    @Override
    public void snd_midi_event_free(Pointer encoder) {
        REAL.snd_midi_event_free(encoder);
    }

    @Override
    public void snd_midi_event_no_status(Pointer encoder, int on) {
        REAL.snd_midi_event_no_status(encoder, on);
    }

    @Override
    public NativeLong snd_midi_event_encode(Pointer encoder, byte[] bytes, NativeLong count, Pointer event) {
        return REAL.snd_midi_event_encode(encoder, bytes, count, event);
    }

    @Override
    public NativeLong snd_midi_event_decode(Pointer encoder, byte[] bytes, NativeLong count, Pointer event) {
        return REAL.snd_midi_event_decode(encoder, bytes, count, event);
    }

    @Override
    public void snd_midi_event_reset_encode(Pointer encoder) {
        REAL.snd_midi_event_reset_encode(encoder);
    }

    private int[] cursor(Pointer info) {
        return cursors.computeIfAbsent(Pointer.nativeValue(info), k -> new int[] {-1, -1});
    }

    @Override
    public int snd_seq_client_info_malloc(PointerByReference info) {
        info.setValue(new Memory(8));
        return 0;
    }

    @Override
    public void snd_seq_client_info_free(Pointer info) {
    }

    @Override
    public void snd_seq_client_info_set_client(Pointer info, int client) {
        cursor(info)[0] = client;
    }

    @Override
    public int snd_seq_client_info_get_client(Pointer info) {
        return cursor(info)[0];
    }

    @Override
    public String snd_seq_client_info_get_name(Pointer info) {
        return clients.get(cursor(info)[0]);
    }

    @Override
    public int snd_seq_query_next_client(Pointer handle, Pointer info) {
        Integer next = clients.higherKey(cursor(info)[0]);
        if (next == null) {
            return -2;
        }
        cursor(info)[0] = next;
        return 0;
    }

    @Override
    public int snd_seq_port_info_malloc(PointerByReference info) {
        info.setValue(new Memory(8));
        return 0;
    }

    @Override
    public void snd_seq_port_info_free(Pointer info) {
    }

    @Override
    public void snd_seq_port_info_set_client(Pointer info, int client) {
        cursor(info)[0] = client;
    }

    @Override
    public void snd_seq_port_info_set_port(Pointer info, int port) {
        cursor(info)[1] = port;
    }

    private Object[] currentPort(Pointer info) {
        for (Object[] port : clientPorts.getOrDefault(cursor(info)[0], java.util.List.of())) {
            if ((int) port[0] == cursor(info)[1]) {
                return port;
            }
        }
        throw new IllegalStateException("no current port");
    }

    @Override
    public int snd_seq_port_info_get_port(Pointer info) {
        return cursor(info)[1];
    }

    @Override
    public String snd_seq_port_info_get_name(Pointer info) {
        return (String) currentPort(info)[1];
    }

    @Override
    public int snd_seq_port_info_get_capability(Pointer info) {
        return (int) currentPort(info)[2];
    }

    @Override
    public int snd_seq_port_info_get_type(Pointer info) {
        return (int) currentPort(info)[3];
    }

    @Override
    public int snd_seq_query_next_port(Pointer handle, Pointer info) {
        for (Object[] port : clientPorts.getOrDefault(cursor(info)[0], java.util.List.of())) {
            if ((int) port[0] > cursor(info)[1]) {
                cursor(info)[1] = (int) port[0];
                return 0;
            }
        }
        return -2;
    }
}
