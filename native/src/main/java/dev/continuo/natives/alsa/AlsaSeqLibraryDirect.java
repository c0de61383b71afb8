package dev.continuo.natives.alsa;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * {@link AlsaSeqLibrary} through JNA direct mapping ({@code libasound.so.2}). Loading this class loads libasound and
 * throws {@link UnsatisfiedLinkError} if it is not installed.
 */
public final class AlsaSeqLibraryDirect implements AlsaSeqLibrary {

    static {
        Native.register(AlsaSeqLibraryDirect.class, NativeLibrary.getInstance("asound"));
    }

    @Override
    public native int snd_lib_error_set_handler(ErrorHandler handler);

    @Override
    public native int snd_seq_open(PointerByReference handle, String name, int streams, int mode);

    @Override
    public native int snd_seq_close(Pointer handle);

    @Override
    public native int snd_seq_set_client_name(Pointer handle, String name);

    @Override
    public native int snd_seq_client_id(Pointer handle);

    @Override
    public native int snd_seq_create_simple_port(Pointer handle, String name, int caps, int type);

    @Override
    public native int snd_seq_alloc_queue(Pointer handle);

    @Override
    public native int snd_seq_free_queue(Pointer handle, int queue);

    @Override
    public native int snd_seq_control_queue(Pointer handle, int queue, int type, int value, Pointer event);

    @Override
    public native int snd_seq_drain_output(Pointer handle);

    @Override
    public native int snd_seq_event_output_direct(Pointer handle, Pointer event);

    @Override
    public native int snd_seq_event_input(Pointer handle, Pointer event);

    @Override
    public native int snd_seq_nonblock(Pointer handle, int nonblock);

    @Override
    public native int snd_seq_poll_descriptors_count(Pointer handle, short events);

    @Override
    public native int snd_seq_poll_descriptors(Pointer handle, Pointer pfds, int space, short events);

    @Override
    public native int snd_midi_event_new(long bufferSize, PointerByReference encoder);

    @Override
    public native void snd_midi_event_free(Pointer encoder);

    @Override
    public native void snd_midi_event_no_status(Pointer encoder, int on);

    @Override
    public native long snd_midi_event_encode(Pointer encoder, Pointer bytes, long count, Pointer event);

    @Override
    public native long snd_midi_event_decode(Pointer encoder, Pointer bytes, long count, Pointer event);

    @Override
    public native void snd_midi_event_reset_encode(Pointer encoder);

    @Override
    public native int snd_seq_client_info_malloc(PointerByReference info);

    @Override
    public native void snd_seq_client_info_free(Pointer info);

    @Override
    public native void snd_seq_client_info_set_client(Pointer info, int client);

    @Override
    public native int snd_seq_client_info_get_client(Pointer info);

    @Override
    public native String snd_seq_client_info_get_name(Pointer info);

    @Override
    public native int snd_seq_query_next_client(Pointer handle, Pointer info);

    @Override
    public native int snd_seq_port_info_malloc(PointerByReference info);

    @Override
    public native void snd_seq_port_info_free(Pointer info);

    @Override
    public native void snd_seq_port_info_set_client(Pointer info, int client);

    @Override
    public native void snd_seq_port_info_set_port(Pointer info, int port);

    @Override
    public native int snd_seq_port_info_get_port(Pointer info);

    @Override
    public native String snd_seq_port_info_get_name(Pointer info);

    @Override
    public native int snd_seq_port_info_get_capability(Pointer info);

    @Override
    public native int snd_seq_port_info_get_type(Pointer info);

    @Override
    public native int snd_seq_query_next_port(Pointer handle, Pointer info);
}
