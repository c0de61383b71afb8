package dev.continuo.bridge.backend.alsa;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.BackendKind;
import dev.continuo.bridge.backend.BackendListener;
import dev.continuo.bridge.backend.CycleClock;
import dev.continuo.bridge.backend.TimerDrivenBackend;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.natives.alsa.AlsaSeqEvent;
import dev.continuo.natives.alsa.AlsaSeqLibrary;
import dev.continuo.natives.posix.PosixLibrary;

/**
 * Linux without JACK: an ALSA sequencer client "continuo" with a writable port {@code melody_in} and a readable port
 * {@code accompaniment} (or {@code part1}…{@code part4}) that any ALSA or PipeWire MIDI application can connect to.
 * Output goes through a queue with real-time timestamps a little ahead (scheduled by the kernel, not by us); input is
 * read by {@link AlsaInput}, woken by the sequencer's descriptors. Bytes and sequencer events are converted by ALSA's
 * own {@code snd_midi_event} codec. Sending an event allocates nothing: the event and its bytes live in preallocated
 * native memory and the bindings are direct-mapped.
 */
public final class AlsaSeqBackend extends TimerDrivenBackend {

    private static final long LOOKAHEAD_NANOS = 2_000_000;
    private static final int CODEC_BUFFER = 4096;

    private final AlsaSeqLibrary alsa;
    private final PosixLibrary posix;
    private final Memory event = new Memory(AlsaSeqEvent.SIZE);
    private final Memory outgoing = new Memory(3);
    private Pointer handle;
    private Pointer encoder;
    private Pointer decoder;
    private AlsaInput input;
    private int queue = -1;
    private int[] outputPorts = new int[0];

    /** @param clock {@link CycleClock#SYSTEM} outside tests */
    public AlsaSeqBackend(AlsaSeqLibrary alsa, PosixLibrary posix, CycleClock clock) {
        super(clock);
        this.alsa = alsa;
        this.posix = posix;
        AlsaErrors.toDebugLog(alsa);
    }

    @Override
    public BackendKind kind() {
        return BackendKind.ALSA;
    }

    /** On failure everything opened so far is closed again before the exception leaves. */
    @Override
    public void open(String clientName, PortLayout layout, RealTimeHandler handler, BackendListener listener)
            throws BackendException {
        PointerByReference reference = new PointerByReference();
        check(alsa.snd_seq_open(reference, "default", AlsaSeqLibrary.SND_SEQ_OPEN_DUPLEX,
                AlsaSeqLibrary.SND_SEQ_NONBLOCK), "snd_seq_open",
                "could not open the ALSA sequencer (/dev/snd/seq; is the snd-seq module loaded?)");
        handle = reference.getValue();
        try {
            check(alsa.snd_seq_set_client_name(handle, clientName), "snd_seq_set_client_name",
                    "could not name the ALSA client");
            port("melody_in", AlsaSeqLibrary.SND_SEQ_PORT_CAP_WRITE | AlsaSeqLibrary.SND_SEQ_PORT_CAP_SUBS_WRITE);
            outputPorts = new int[layout.outputPorts()];
            for (int index = 0; index < outputPorts.length; index++) {
                outputPorts[index] = port(layout == PortLayout.SINGLE ? "accompaniment" : "part" + (index + 1),
                        AlsaSeqLibrary.SND_SEQ_PORT_CAP_READ | AlsaSeqLibrary.SND_SEQ_PORT_CAP_SUBS_READ);
            }
            int allocated = alsa.snd_seq_alloc_queue(handle);
            check(allocated < 0 ? allocated : 0, "snd_seq_alloc_queue", "could not allocate an ALSA queue");
            queue = allocated;
            check(alsa.snd_seq_control_queue(handle, queue, AlsaSeqLibrary.SND_SEQ_EVENT_START, 0, null),
                    "snd_seq_control_queue", "could not start the ALSA queue");
            alsa.snd_seq_drain_output(handle);
            encoder = codec();
            decoder = codec();
            alsa.snd_midi_event_no_status(decoder, 1);
            input = AlsaInput.open(alsa, posix, handle, decoder);
        } catch (BackendException e) {
            close();
            throw e;
        }
        input.start(newDriver(handler, this::send), clock(),
                () -> listener.serviceLost("the ALSA sequencer closed Continuo's client"));
        driver().start("continuo-alsa-cycle");
    }

    private int port(String name, int caps) throws BackendException {
        int port = alsa.snd_seq_create_simple_port(handle, name, caps,
                AlsaSeqLibrary.SND_SEQ_PORT_TYPE_MIDI_GENERIC | AlsaSeqLibrary.SND_SEQ_PORT_TYPE_APPLICATION);
        check(port < 0 ? port : 0, "snd_seq_create_simple_port", "could not create the ALSA port " + name);
        portNames.add(alsa.snd_seq_client_id(handle) + ":" + port + " " + name);
        return port;
    }

    private Pointer codec() throws BackendException {
        PointerByReference reference = new PointerByReference();
        check(alsa.snd_midi_event_new(CODEC_BUFFER, reference), "snd_midi_event_new",
                "could not create an ALSA MIDI codec");
        return reference.getValue();
    }

    private static void check(int code, String function, String message) throws BackendException {
        if (code < 0) {
            throw new BackendException(message, function, code);
        }
    }

    /**
     * Called on the cycle thread: the message, scheduled on our queue a little ahead of its due time. Allocates
     * nothing.
     */
    private boolean send(int port, long dueNanos, int status, int data1, int data2, int length) {
        event.clear(AlsaSeqEvent.SIZE);
        outgoing.setByte(0, (byte) status);
        outgoing.setByte(1, (byte) data1);
        outgoing.setByte(2, (byte) data2);
        alsa.snd_midi_event_reset_encode(encoder);
        alsa.snd_midi_event_encode(encoder, outgoing, length, event);
        if ((event.getByte(AlsaSeqEvent.TYPE) & 0xFF) == AlsaSeqLibrary.SND_SEQ_EVENT_NONE) {
            return false;
        }
        long ahead = Math.max(0, dueNanos + LOOKAHEAD_NANOS - clock().nanoTime());
        event.setByte(AlsaSeqEvent.FLAGS, (byte) ((event.getByte(AlsaSeqEvent.FLAGS) & ~3)
                | AlsaSeqLibrary.SND_SEQ_TIME_STAMP_REAL | AlsaSeqLibrary.SND_SEQ_TIME_MODE_REL));
        event.setByte(AlsaSeqEvent.QUEUE, (byte) queue);
        event.setInt(AlsaSeqEvent.TIME_SECONDS, (int) (ahead / 1_000_000_000L));
        event.setInt(AlsaSeqEvent.TIME_NANOS, (int) (ahead % 1_000_000_000L));
        event.setByte(AlsaSeqEvent.SOURCE_PORT, (byte) outputPorts[port]);
        event.setByte(AlsaSeqEvent.DEST_CLIENT, (byte) AlsaSeqLibrary.SND_SEQ_ADDRESS_SUBSCRIBERS);
        event.setByte(AlsaSeqEvent.DEST_PORT, (byte) AlsaSeqLibrary.SND_SEQ_ADDRESS_UNKNOWN);
        return alsa.snd_seq_event_output_direct(handle, event) >= 0;
    }

    @Override
    public void close() {
        stopDriver();
        if (input != null) {
            input.close();
            input = null;
        }
        if (encoder != null) {
            alsa.snd_midi_event_free(encoder);
            encoder = null;
        }
        if (decoder != null) {
            alsa.snd_midi_event_free(decoder);
            decoder = null;
        }
        if (handle != null) {
            if (queue >= 0) {
                alsa.snd_seq_free_queue(handle, queue);
                queue = -1;
            }
            alsa.snd_seq_close(handle);
            handle = null;
        }
    }
}
