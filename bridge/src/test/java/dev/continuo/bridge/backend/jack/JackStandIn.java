package dev.continuo.bridge.backend.jack;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.continuo.natives.MovablePointer;
import dev.continuo.natives.jack.JackLibrary;
import dev.continuo.natives.jack.JackMidiEvent;
import dev.continuo.natives.jack.JackPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * A substitute for libjack that lets a test be the JACK server: it keeps the callbacks the client installs so the
 * test can call them, sets the 32-bit frame time of each cycle, offers input events and records the output written
 * (in preallocated arrays: it allocates nothing while a cycle runs). It counts clients opened and closed and can fail
 * the {@code n}th fallible call of a client's set-up.
 */
final class JackStandIn implements JackLibrary {

    static final int SAMPLE_RATE = 48_000;
    static final int BUFFER_SIZE = 256;
    static final int CAPACITY = 1 << 16;

    final List<String> portNames = new ArrayList<>();
    private final List<Pointer> ports = new ArrayList<>();
    private final Memory[] buffers = new Memory[8];
    private final MovablePointer cursor = new MovablePointer();
    private final MovablePointer data = new MovablePointer();
    private final Memory inputBytes = new Memory(3);
    JackProcessCallback process;
    JackXRunCallback xrun;
    JackInfoShutdownCallback shutdown;
    /** {@code jack_last_frame_time} of the current cycle. */
    volatile int frameTime;
    private int inputOffset = -1;
    private final int[] writtenPorts = new int[CAPACITY];
    private final long[] writtenEvents = new long[CAPACITY];
    private int written;
    int clientsOpen;
    int activated;
    int failingStep;
    private int steps;

    private boolean fails() {
        return ++steps == failingStep;
    }

    /** The next cycle's input: one three-byte message at {@code offset}. */
    void input(int offset, int status, int data1, int data2) {
        inputOffset = offset;
        inputBytes.setByte(0, (byte) status);
        inputBytes.setByte(1, (byte) data1);
        inputBytes.setByte(2, (byte) data2);
    }

    int written() {
        return written;
    }

    /** Output event {@code index} as "port@offset SSDDDD" (port 1 is the first output port). */
    String written(int index) {
        long event = writtenEvents[index & (CAPACITY - 1)];
        return writtenPorts[index & (CAPACITY - 1)] + "@" + (event >>> 32) + String.format(" %06x", event & 0xFF_FFFF);
    }

    private int portOf(long buffer) {
        for (int index = 0; index < ports.size(); index++) {
            if (Pointer.nativeValue(buffers[index]) == buffer) {
                return index;
            }
        }
        throw new IllegalArgumentException("not a port buffer");
    }

    @Override
    public void jack_set_error_function(JackMessageCallback callback) {
    }

    @Override
    public void jack_set_info_function(JackMessageCallback callback) {
    }

    @Override
    public Pointer jack_client_open(String clientName, int options, int[] status) {
        if (fails()) {
            status[0] = JackFailure | JackServerFailed;
            return null;
        }
        clientsOpen++;
        return new Memory(8);
    }

    @Override
    public int jack_client_close(Pointer client) {
        clientsOpen--;
        return 0;
    }

    @Override
    public String jack_get_client_name(Pointer client) {
        return "continuo";
    }

    @Override
    public int jack_activate(Pointer client) {
        if (fails()) {
            return -1;
        }
        activated++;
        return 0;
    }

    @Override
    public int jack_deactivate(Pointer client) {
        return 0;
    }

    @Override
    public int jack_set_process_callback(Pointer client, JackProcessCallback callback, Pointer arg) {
        process = callback;
        return fails() ? -1 : 0;
    }

    @Override
    public void jack_on_info_shutdown(Pointer client, JackInfoShutdownCallback callback, Pointer arg) {
        shutdown = callback;
    }

    @Override
    public int jack_set_xrun_callback(Pointer client, JackXRunCallback callback, Pointer arg) {
        xrun = callback;
        return fails() ? -1 : 0;
    }

    @Override
    public int jack_set_timebase_callback(Pointer client, int conditional, JackTimebaseCallback callback,
            Pointer arg) {
        return 0;
    }

    @Override
    public int jack_release_timebase(Pointer client) {
        return 0;
    }

    @Override
    public int jack_get_sample_rate(Pointer client) {
        return SAMPLE_RATE;
    }

    @Override
    public int jack_get_buffer_size(Pointer client) {
        return BUFFER_SIZE;
    }

    @Override
    public float jack_cpu_load(Pointer client) {
        return 0;
    }

    @Override
    public Pointer jack_port_register(Pointer client, String portName, String portType, NativeLong flags,
            NativeLong bufferSize) {
        if (fails()) {
            return null;
        }
        Pointer port = new Memory(8);
        buffers[ports.size()] = new Memory(8);
        ports.add(port);
        portNames.add("continuo:" + portName);
        return port;
    }

    @Override
    public int jack_port_unregister(Pointer client, Pointer port) {
        return 0;
    }

    @Override
    public String jack_port_name(Pointer port) {
        return portNames.get(ports.indexOf(port));
    }

    @Override
    public int jack_port_connected(Pointer port) {
        return 0;
    }

    @Override
    public int jack_connect(Pointer client, String sourcePort, String destinationPort) {
        return 0;
    }

    @Override
    public Pointer jack_get_ports(Pointer client, String portNamePattern, String typeNamePattern, NativeLong flags) {
        return null;
    }

    @Override
    public void jack_free(Pointer pointer) {
    }

    @Override
    public long jack_port_get_buffer(Pointer port, int nframes) {
        for (int index = 0; index < ports.size(); index++) {
            if (ports.get(index) == port) {
                return Pointer.nativeValue(buffers[index]);
            }
        }
        throw new IllegalArgumentException("not a port");
    }

    @Override
    public int jack_last_frame_time(Pointer client) {
        return frameTime;
    }

    @Override
    public int jack_transport_query(Pointer client, long pos) {
        cursor.moveTo(pos);
        cursor.setInt(JackPosition.FRAME, frameTime);
        cursor.setInt(JackPosition.VALID, 0);
        return JackTransportRolling;
    }

    @Override
    public int jack_midi_get_event_count(long portBuffer) {
        return portOf(portBuffer) == 0 && inputOffset >= 0 ? 1 : 0;
    }

    @Override
    public int jack_midi_event_get(long event, long portBuffer, int eventIndex) {
        cursor.moveTo(event);
        cursor.setInt(JackMidiEvent.TIME, inputOffset);
        cursor.setLong(JackMidiEvent.DATA_SIZE, 3);
        cursor.setLong(JackMidiEvent.BUFFER, Pointer.nativeValue(inputBytes));
        inputOffset = -1;
        return 0;
    }

    @Override
    public void jack_midi_clear_buffer(long portBuffer) {
        portOf(portBuffer);
    }

    @Override
    public int jack_midi_event_write(long portBuffer, int time, long address, long dataSize) {
        data.moveTo(address);
        int slot = written & (CAPACITY - 1);
        writtenPorts[slot] = portOf(portBuffer);
        writtenEvents[slot] = (long) time << 32 | (data.getByte(0) & 0xFF) << 16 | (data.getByte(1) & 0xFF) << 8
                | (data.getByte(2) & 0xFF);
        written++;
        return 0;
    }

    @Override
    public int jack_midi_get_lost_event_count(long portBuffer) {
        return 0;
    }
}
