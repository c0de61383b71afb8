package dev.continuo.natives.jack;

import com.sun.jna.Callback;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The part of libjack's C API that Continuo uses, mirrored one to one (C names, C argument order).
 *
 * <p>Functions called on the real-time thread take and return addresses as {@code long} instead of {@link Pointer},
 * so that calling them allocates no Java object. This assumes 64-bit pointers, the only platforms we build for.
 * {@link JackLibraryDirect} is the implementation; tests may substitute their own.
 */
public interface JackLibrary {

    /** {@code JACK_DEFAULT_MIDI_TYPE}. */
    String JACK_DEFAULT_MIDI_TYPE = "8 bit raw midi";

    /** {@code jack_options_t}. */
    int JackNullOption = 0x00;
    int JackNoStartServer = 0x01;
    int JackUseExactName = 0x02;

    /** {@code jack_status_t}. */
    int JackFailure = 0x01;
    int JackInvalidOption = 0x02;
    int JackNameNotUnique = 0x04;
    int JackServerStarted = 0x08;
    int JackServerFailed = 0x10;
    int JackServerError = 0x20;
    int JackNoSuchClient = 0x40;
    int JackLoadFailure = 0x80;
    int JackInitFailure = 0x100;
    int JackShmFailure = 0x200;
    int JackVersionError = 0x400;

    /** {@code JackPortFlags}. */
    int JackPortIsInput = 0x1;
    int JackPortIsOutput = 0x2;
    int JackPortIsPhysical = 0x4;
    int JackPortCanMonitor = 0x8;
    int JackPortIsTerminal = 0x10;

    /** {@code jack_transport_state_t}. */
    int JackTransportStopped = 0;
    int JackTransportRolling = 1;
    int JackTransportLooping = 2;
    int JackTransportStarting = 3;

    /** {@code jack_position_bits_t}. */
    int JackPositionBBT = 0x10;
    int JackPositionTimecode = 0x20;
    int JackBBTFrameOffset = 0x40;

    /** {@code JackProcessCallback}: called on the real-time thread once per cycle. */
    interface JackProcessCallback extends Callback {
        int invoke(int nframes, Pointer arg);
    }

    /** {@code JackInfoShutdownCallback}: called on a JACK thread when the server shuts the client down. */
    interface JackInfoShutdownCallback extends Callback {
        void invoke(int code, String reason, Pointer arg);
    }

    /** {@code JackXRunCallback}: called on a JACK notification thread. */
    interface JackXRunCallback extends Callback {
        int invoke(Pointer arg);
    }

    /**
     * {@code JackTimebaseCallback}: called on the real-time thread; {@code pos} is the address of the
     * {@code jack_position_t} to fill (see {@link JackPosition}).
     */
    interface JackTimebaseCallback extends Callback {
        void invoke(int state, int nframes, long pos, int newPos, Pointer arg);
    }

    /** {@code jack_set_error_function}/{@code jack_set_info_function}'s callback: called on any thread. */
    interface JackMessageCallback extends Callback {
        void invoke(String message);
    }

    void jack_set_error_function(JackMessageCallback callback);

    void jack_set_info_function(JackMessageCallback callback);

    /**
     * {@code jack_client_open}, declared without its variadic tail: Continuo never passes {@code JackServerName},
     * so libjack picks the server itself and honours {@code JACK_DEFAULT_SERVER}.
     */
    Pointer jack_client_open(String clientName, int options, int[] status);

    int jack_client_close(Pointer client);

    String jack_get_client_name(Pointer client);

    int jack_activate(Pointer client);

    int jack_deactivate(Pointer client);

    int jack_set_process_callback(Pointer client, JackProcessCallback callback, Pointer arg);

    void jack_on_info_shutdown(Pointer client, JackInfoShutdownCallback callback, Pointer arg);

    int jack_set_xrun_callback(Pointer client, JackXRunCallback callback, Pointer arg);

    int jack_set_timebase_callback(Pointer client, int conditional, JackTimebaseCallback callback, Pointer arg);

    int jack_release_timebase(Pointer client);

    int jack_get_sample_rate(Pointer client);

    int jack_get_buffer_size(Pointer client);

    float jack_cpu_load(Pointer client);

    Pointer jack_port_register(Pointer client, String portName, String portType, NativeLong flags,
            NativeLong bufferSize);

    int jack_port_unregister(Pointer client, Pointer port);

    String jack_port_name(Pointer port);

    /** How many connections the port has. Not for the real-time thread. */
    int jack_port_connected(Pointer port);

    int jack_connect(Pointer client, String sourcePort, String destinationPort);

    /** A NULL-terminated array of port names matching the patterns (regular expressions); free with jack_free. */
    Pointer jack_get_ports(Pointer client, String portNamePattern, String typeNamePattern, NativeLong flags);

    void jack_free(Pointer pointer);

    /** Real-time safe. Returns the address of the port's buffer for this cycle. */
    long jack_port_get_buffer(Pointer port, int nframes);

    /** Real-time safe. The frame time at the start of the current cycle. */
    int jack_last_frame_time(Pointer client);

    /** Real-time safe. Fills the {@code jack_position_t} at address {@code pos} (or 0) and returns the state. */
    int jack_transport_query(Pointer client, long pos);

    /** Real-time safe. */
    int jack_midi_get_event_count(long portBuffer);

    /** Real-time safe. Fills the {@code jack_midi_event_t} at address {@code event} (see {@link JackMidiEvent}). */
    int jack_midi_event_get(long event, long portBuffer, int eventIndex);

    /** Real-time safe. */
    void jack_midi_clear_buffer(long portBuffer);

    /** Real-time safe. Copies {@code dataSize} bytes from address {@code data}; events must come in time order. */
    int jack_midi_event_write(long portBuffer, int time, long data, long dataSize);

    /** Real-time safe. Events lost since the buffer was cleared because it was full. */
    int jack_midi_get_lost_event_count(long portBuffer);
}
