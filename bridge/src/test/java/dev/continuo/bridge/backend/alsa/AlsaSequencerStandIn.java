package dev.continuo.bridge.backend.alsa;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.natives.alsa.AlsaSeqEvent;
import dev.continuo.natives.alsa.AlsaSeqLibrary;
import dev.continuo.natives.posix.PosixLibrary;
import dev.continuo.natives.posix.PosixLibraryDirect;

/**
 * ALSA's real MIDI codec with a stand-in for the sequencer device (absent on most machines): records the events
 * sent (in preallocated memory, so that it allocates nothing on the backend's threads), hands over queued input
 * events and signals them through a real pipe given out as the sequencer's poll descriptor, answers port queries from
 * a small table of clients and ports, counts what is opened and released, and can fail the {@code n}th fallible call
 * of {@code open}.
 */
class AlsaSequencerStandIn implements AlsaSeqLibrary {

    static final AlsaSeqLibrary REAL = AlsaSeqLibrary.load();
    static final PosixLibrary POSIX = new PosixLibraryDirect();
    static final int SENT_CAPACITY = 1 << 14;

    /** Clients (id, name) and their ports (port, name, capability, type). */
    final java.util.TreeMap<Integer, String> clients = new java.util.TreeMap<>();
    final java.util.Map<Integer, java.util.List<Object[]>> clientPorts = new java.util.HashMap<>();
    private final java.util.Map<Long, int[]> cursors = new java.util.HashMap<>();

    private final byte[] sentEvents = new byte[SENT_CAPACITY * AlsaSeqEvent.SIZE];
    private volatile int sent;
    private final SpscRing pending = new SpscRing(1024);
    private final long[] record = new long[2];
    private final Memory pipeByte = new Memory(1);
    private final int[] pipe = new int[2];
    private volatile int consumed;
    int queueStarts;
    /** The fallible call of open that fails (1 = the first), or 0 for none. */
    int failingStep;
    private int steps;
    int opened;
    int closed;
    int queuesAllocated;
    int queuesFreed;
    int codecsMade;
    int codecsFreed;

    AlsaSequencerStandIn() {
        if (POSIX.pipe(pipe) != 0) {
            throw new IllegalStateException("no pipe");
        }
    }

    /** Releases the stand-in's own pipe. */
    void dispose() {
        POSIX.close(pipe[0]);
        if (pipe[1] >= 0) {
            POSIX.close(pipe[1]);
        }
    }

    /** The sequencer goes away: its poll descriptor hangs up. */
    void hangUp() {
        POSIX.close(pipe[1]);
        pipe[1] = -1;
    }

    private boolean fails() {
        return ++steps == failingStep;
    }

    /** Queues an input event (kept by the caller until consumed) and makes the poll descriptor readable. */
    void queueInput(Memory event) {
        pending.offer(Pointer.nativeValue(event), 0);
        POSIX.write(pipe[1], pipeByte, 1);
    }

    /** Input events the backend has read so far. */
    int consumed() {
        return consumed;
    }

    int sentCount() {
        return sent;
    }

    /** The {@code index}th event sent (of the latest {@value #SENT_CAPACITY}). */
    byte[] sent(int index) {
        int slot = (index & (SENT_CAPACITY - 1)) * AlsaSeqEvent.SIZE;
        return java.util.Arrays.copyOfRange(sentEvents, slot, slot + AlsaSeqEvent.SIZE);
    }

    @Override
    public int snd_lib_error_set_handler(ErrorHandler handler) {
        return 0;
    }

    @Override
    public int snd_seq_open(PointerByReference handle, String name, int streams, int mode) {
        if (fails()) {
            return -19;
        }
        handle.setValue(new Memory(8));
        opened++;
        return 0;
    }

    @Override
    public int snd_seq_close(Pointer handle) {
        closed++;
        return 0;
    }

    @Override
    public int snd_seq_set_client_name(Pointer handle, String name) {
        return fails() ? -22 : 0;
    }

    @Override
    public int snd_seq_client_id(Pointer handle) {
        return 128;
    }

    private int ports;

    @Override
    public int snd_seq_create_simple_port(Pointer handle, String name, int caps, int type) {
        return fails() ? -12 : ports++;
    }

    @Override
    public int snd_seq_alloc_queue(Pointer handle) {
        if (fails()) {
            return -12;
        }
        queuesAllocated++;
        return 3;
    }

    @Override
    public int snd_seq_free_queue(Pointer handle, int queue) {
        queuesFreed++;
        return 0;
    }

    @Override
    public int snd_seq_control_queue(Pointer handle, int queue, int type, int value, Pointer event) {
        if (fails()) {
            return -22;
        }
        queueStarts += type == SND_SEQ_EVENT_START ? 1 : 0;
        return 0;
    }

    @Override
    public int snd_seq_drain_output(Pointer handle) {
        return 0;
    }

    @Override
    public int snd_seq_event_output_direct(Pointer handle, Pointer event) {
        event.read(0, sentEvents, (sent & (SENT_CAPACITY - 1)) * AlsaSeqEvent.SIZE, AlsaSeqEvent.SIZE);
        sent = sent + 1;
        return AlsaSeqEvent.SIZE;
    }

    @Override
    public int snd_seq_event_input(Pointer handle, Pointer event) {
        if (!pending.poll(record)) {
            return EAGAIN;
        }
        POSIX.read(pipe[0], pipeByte, 1);
        event.setLong(0, record[0]);
        consumed = consumed + 1;
        return 0;
    }

    @Override
    public int snd_seq_nonblock(Pointer handle, int nonblock) {
        return 0;
    }

    @Override
    public int snd_seq_poll_descriptors_count(Pointer handle, short events) {
        return fails() ? -22 : 1;
    }

    @Override
    public int snd_seq_poll_descriptors(Pointer handle, Pointer pfds, int space, short events) {
        if (fails()) {
            return -22;
        }
        pfds.setInt(0, pipe[0]);
        pfds.setShort(PosixLibrary.POLLFD_EVENTS, events);
        return 1;
    }

    @Override
    public int snd_midi_event_new(long bufferSize, PointerByReference encoder) {
        if (fails()) {
            return -12;
        }
        codecsMade++;
        return REAL.snd_midi_event_new(bufferSize, encoder);
    }

    @Override
    public void snd_midi_event_free(Pointer encoder) {
        codecsFreed++;
        REAL.snd_midi_event_free(encoder);
    }

    @Override
    public void snd_midi_event_no_status(Pointer encoder, int on) {
        REAL.snd_midi_event_no_status(encoder, on);
    }

    @Override
    public long snd_midi_event_encode(Pointer encoder, Pointer bytes, long count, Pointer event) {
        return REAL.snd_midi_event_encode(encoder, bytes, count, event);
    }

    @Override
    public long snd_midi_event_decode(Pointer encoder, Pointer bytes, long count, Pointer event) {
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
