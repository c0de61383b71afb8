package dev.continuo.natives.alsa;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of the ALSA sequencer API ({@code libasound.so.2}, alsa/seq.h and alsa/seq_midi_event.h) that Continuo
 * uses, mirrored one to one. Constants checked against the headers of alsa-lib 1.2.8.
 *
 * <p>Functions called for every event take {@link Pointer}s to preallocated memory and {@code long} for
 * {@code long}/{@code ssize_t} (64-bit Linux, the only platform we build for), so that calling them allocates no Java
 * object. {@link AlsaSeqLibraryDirect} is the implementation; tests may substitute their own.
 */
public interface AlsaSeqLibrary {

    int SND_SEQ_OPEN_DUPLEX = 3;
    int SND_SEQ_NONBLOCK = 1;
    int SND_SEQ_PORT_CAP_READ = 1;
    int SND_SEQ_PORT_CAP_WRITE = 2;
    int SND_SEQ_PORT_CAP_SUBS_READ = 32;
    int SND_SEQ_PORT_CAP_SUBS_WRITE = 64;
    int SND_SEQ_PORT_TYPE_MIDI_GENERIC = 2;
    int SND_SEQ_PORT_TYPE_APPLICATION = 1 << 20;
    int SND_SEQ_ADDRESS_SUBSCRIBERS = 254;
    int SND_SEQ_ADDRESS_UNKNOWN = 253;
    int SND_SEQ_EVENT_START = 30;
    int SND_SEQ_EVENT_NONE = 255;
    int SND_SEQ_TIME_STAMP_REAL = 1;
    int SND_SEQ_TIME_MODE_REL = 2;
    /** {@code -EAGAIN}: nothing to read in non-blocking mode. */
    int EAGAIN = -11;

    /**
     * {@code snd_lib_error_handler_t}, declared without its variadic tail (the arguments of {@code fmt}), which a
     * handler that does not format the message never reads.
     */
    interface ErrorHandler extends com.sun.jna.Callback {
        void invoke(String file, int line, String function, int error, String format);
    }

    /** Replaces libasound's error printer (standard error); null restores it. */
    int snd_lib_error_set_handler(ErrorHandler handler);

    int snd_seq_open(PointerByReference handle, String name, int streams, int mode);

    int snd_seq_close(Pointer handle);

    int snd_seq_set_client_name(Pointer handle, String name);

    int snd_seq_client_id(Pointer handle);

    int snd_seq_create_simple_port(Pointer handle, String name, int caps, int type);

    int snd_seq_alloc_queue(Pointer handle);

    int snd_seq_free_queue(Pointer handle, int queue);

    int snd_seq_control_queue(Pointer handle, int queue, int type, int value, Pointer event);

    int snd_seq_drain_output(Pointer handle);

    /** Sends {@code event} (a {@code snd_seq_event_t*}) at once, bypassing the output buffer. */
    int snd_seq_event_output_direct(Pointer handle, Pointer event);

    /**
     * Reads one event: the {@code snd_seq_event_t*} at {@code event} (8 bytes) receives a pointer into ALSA's buffer,
     * valid until the next call. Non-blocking mode: {@link #EAGAIN} when there is nothing to read.
     */
    int snd_seq_event_input(Pointer handle, Pointer event);

    int snd_seq_nonblock(Pointer handle, int nonblock);

    /** How many {@code struct pollfd}s {@link #snd_seq_poll_descriptors} fills for {@code events} (POLLIN, POLLOUT). */
    int snd_seq_poll_descriptors_count(Pointer handle, short events);

    /** Fills up to {@code space} {@code struct pollfd}s at {@code pfds}; returns how many. */
    int snd_seq_poll_descriptors(Pointer handle, Pointer pfds, int space, short events);

    int snd_midi_event_new(long bufferSize, PointerByReference encoder);

    void snd_midi_event_free(Pointer encoder);

    void snd_midi_event_no_status(Pointer encoder, int on);

    /** Encodes {@code count} MIDI bytes at {@code bytes} into the {@code snd_seq_event_t} at {@code event}. */
    long snd_midi_event_encode(Pointer encoder, Pointer bytes, long count, Pointer event);

    /** Decodes the {@code snd_seq_event_t} at {@code event} into at most {@code count} bytes at {@code bytes}. */
    long snd_midi_event_decode(Pointer encoder, Pointer bytes, long count, Pointer event);

    void snd_midi_event_reset_encode(Pointer encoder);

    int snd_seq_client_info_malloc(PointerByReference info);

    void snd_seq_client_info_free(Pointer info);

    void snd_seq_client_info_set_client(Pointer info, int client);

    int snd_seq_client_info_get_client(Pointer info);

    String snd_seq_client_info_get_name(Pointer info);

    /** Moves {@code info} to the client after the one it names; negative when there is none. */
    int snd_seq_query_next_client(Pointer handle, Pointer info);

    int snd_seq_port_info_malloc(PointerByReference info);

    void snd_seq_port_info_free(Pointer info);

    void snd_seq_port_info_set_client(Pointer info, int client);

    void snd_seq_port_info_set_port(Pointer info, int port);

    int snd_seq_port_info_get_port(Pointer info);

    String snd_seq_port_info_get_name(Pointer info);

    int snd_seq_port_info_get_capability(Pointer info);

    int snd_seq_port_info_get_type(Pointer info);

    /** Moves {@code info} to the next port of its client; negative when there is none. */
    int snd_seq_query_next_port(Pointer handle, Pointer info);

    /** libasound; throws {@link UnsatisfiedLinkError} (or {@link NoClassDefFoundError} after a first failure). */
    static AlsaSeqLibrary load() {
        return new AlsaSeqLibraryDirect();
    }
}
