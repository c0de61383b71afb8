package dev.continuo.natives.jack;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * {@link JackLibrary} through JNA direct mapping, the fastest way JNA calls C. Loading this class loads libjack
 * ({@code libjack.so.0}, {@code libjack.0.dylib}, {@code libjack64.dll}) and throws {@link UnsatisfiedLinkError} if
 * it is not installed.
 */
public final class JackLibraryDirect implements JackLibrary {

    static {
        Native.register(JackLibraryDirect.class, NativeLibrary.getInstance(libraryName()));
    }

    private static String libraryName() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win")) {
            return "libjack64";
        }
        return os.contains("mac") ? "jack" : "libjack.so.0";
    }

    @Override
    public native void jack_set_error_function(JackMessageCallback callback);

    @Override
    public native void jack_set_info_function(JackMessageCallback callback);

    @Override
    public native Pointer jack_client_open(String clientName, int options, int[] status);

    @Override
    public native int jack_client_close(Pointer client);

    @Override
    public native String jack_get_client_name(Pointer client);

    @Override
    public native int jack_activate(Pointer client);

    @Override
    public native int jack_deactivate(Pointer client);

    @Override
    public native int jack_set_process_callback(Pointer client, JackProcessCallback callback, Pointer arg);

    @Override
    public native void jack_on_info_shutdown(Pointer client, JackInfoShutdownCallback callback, Pointer arg);

    @Override
    public native int jack_set_xrun_callback(Pointer client, JackXRunCallback callback, Pointer arg);

    @Override
    public native int jack_set_timebase_callback(Pointer client, int conditional, JackTimebaseCallback callback,
            Pointer arg);

    @Override
    public native int jack_release_timebase(Pointer client);

    @Override
    public native int jack_get_sample_rate(Pointer client);

    @Override
    public native int jack_get_buffer_size(Pointer client);

    @Override
    public native float jack_cpu_load(Pointer client);

    @Override
    public native Pointer jack_port_register(Pointer client, String portName, String portType, NativeLong flags,
            NativeLong bufferSize);

    @Override
    public native int jack_port_unregister(Pointer client, Pointer port);

    @Override
    public native String jack_port_name(Pointer port);

    @Override
    public native int jack_port_connected(Pointer port);

    @Override
    public native int jack_connect(Pointer client, String sourcePort, String destinationPort);

    @Override
    public native Pointer jack_get_ports(Pointer client, String portNamePattern, String typeNamePattern,
            NativeLong flags);

    @Override
    public native void jack_free(Pointer pointer);

    @Override
    public native long jack_port_get_buffer(Pointer port, int nframes);

    @Override
    public native int jack_last_frame_time(Pointer client);

    @Override
    public native int jack_transport_query(Pointer client, long pos);

    @Override
    public native int jack_midi_get_event_count(long portBuffer);

    @Override
    public native int jack_midi_event_get(long event, long portBuffer, int eventIndex);

    @Override
    public native void jack_midi_clear_buffer(long portBuffer);

    @Override
    public native int jack_midi_event_write(long portBuffer, int time, long data, long dataSize);

    @Override
    public native int jack_midi_get_lost_event_count(long portBuffer);
}
