package dev.continuo.bridge.backend.jack;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.BackendKind;
import dev.continuo.bridge.backend.BackendListener;
import dev.continuo.bridge.backend.CycleLoad;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.bridge.cycle.BarBeatTick;
import dev.continuo.bridge.cycle.MidiOutput;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.TransportSnapshot;
import dev.continuo.natives.MovablePointer;
import dev.continuo.natives.jack.JackLibrary;
import dev.continuo.natives.jack.JackMidiEvent;
import dev.continuo.natives.jack.JackPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JACK backend: a client with a MIDI input port {@code melody_in} and either one output port
 * {@code accompaniment} or four ({@code part1}…{@code part4}), on the server libjack picks (it honours
 * {@code JACK_DEFAULT_SERVER}). The process callback clears the output buffers every cycle, reads input events with
 * their frame offsets, reads the transport, and lets the handler write output at exact frame offsets.
 *
 * <p>Everything the process callback touches is allocated in {@link #open}; {@code continuo bench serve} measures
 * what the real-time thread allocates per cycle (0 bytes here, JNA's callback dispatch included). Xruns are counted
 * in {@link CycleLoad#xruns()}.
 */
public final class JackBackend implements MidiBackend {

    /** The melody input port's short name. */
    public static final String MELODY_IN = "melody_in";
    /** The output port's short name in {@link PortLayout#SINGLE}. */
    public static final String ACCOMPANIMENT = "accompaniment";

    private static final int INPUT_CHUNK = 512;
    private static final int BEATS_PER_BAR = 4;
    /** {@code EBUSY}: another client is timebase master (Linux and macOS errno). */
    private static final int EBUSY = 16;
    private static final Logger LOG = LoggerFactory.getLogger(JackBackend.class);

    private final JackLibrary jack;
    private final Memory event = new Memory(JackMidiEvent.SIZE);
    private final Memory position = new Memory(JackPosition.SIZE);
    private final Memory outgoing = new Memory(4);
    private final MovablePointer eventBytes = new MovablePointer();
    private final byte[] inputChunk = new byte[INPUT_CHUNK];
    private final TransportSnapshot transport = new TransportSnapshot();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CycleLoad load = new CycleLoad();

    private final JackLibrary.JackProcessCallback processCallback = this::process;
    private final JackLibrary.JackInfoShutdownCallback shutdownCallback = this::shutdown;
    private final JackLibrary.JackTimebaseCallback timebaseCallback = this::timebase;
    private final JackLibrary.JackXRunCallback xrunCallback = this::xrun;
    private final MovablePointer timebasePosition = new MovablePointer();
    private final BarBeatTick barBeatTick = new BarBeatTick();
    private volatile double timebaseBeatsPerMinute;

    private Pointer client;
    private Pointer inputPort;
    private Pointer[] outputPorts;
    private long[] outputBuffers;
    private final List<String> portNames = new ArrayList<>();
    private RealTimeHandler handler;
    private BackendListener listener;
    private int sampleRate;
    private int framesPerCycle;
    private volatile boolean serverGone;
    private boolean frameCountStarted;
    private int lastFrameTime;
    private long firstFrame;
    private final Output output = new Output();

    /**
     * libjack's own messages go to our DEBUG log instead of standard error. They come on any thread, the real-time
     * one included, but only when something already went wrong (e.g. the server vanished).
     */
    private static final JackLibrary.JackMessageCallback LIBJACK_MESSAGES =
            message -> LOG.debug("libjack: {}", message);

    public JackBackend(JackLibrary jack) {
        this.jack = jack;
        logLibjackMessages(jack);
    }

    /** Sends libjack's messages to the DEBUG log rather than standard error. */
    static void logLibjackMessages(JackLibrary jack) {
        jack.jack_set_error_function(LIBJACK_MESSAGES);
        jack.jack_set_info_function(LIBJACK_MESSAGES);
    }

    @Override
    public BackendKind kind() {
        return BackendKind.JACK;
    }

    @Override
    public void open(String clientName, PortLayout layout, RealTimeHandler handler, BackendListener listener)
            throws BackendException {
        this.handler = handler;
        this.listener = listener;
        int[] status = new int[1];
        client = jack.jack_client_open(clientName, JackLibrary.JackNoStartServer | JackLibrary.JackUseExactName,
                status);
        if (client == null) {
            throw new BackendException(openFailure(clientName, status[0]), "jack_client_open", status[0]);
        }
        try {
            sampleRate = jack.jack_get_sample_rate(client);
            framesPerCycle = jack.jack_get_buffer_size(client);
            inputPort = register(MELODY_IN, JackLibrary.JackPortIsInput | JackLibrary.JackPortIsTerminal);
            outputPorts = new Pointer[layout.outputPorts()];
            outputBuffers = new long[layout.outputPorts()];
            for (int port = 0; port < outputPorts.length; port++) {
                outputPorts[port] = register(layout == PortLayout.SINGLE ? ACCOMPANIMENT : "part" + (port + 1),
                        JackLibrary.JackPortIsOutput | JackLibrary.JackPortIsTerminal);
            }
            Native.setCallbackThreadInitializer(processCallback,
                    new CallbackThreadInitializer(true, false, "continuo-jack-process"));
            check(jack.jack_set_process_callback(client, processCallback, null), "jack_set_process_callback",
                    "could not install the process callback");
            Native.setCallbackThreadInitializer(xrunCallback,
                    new CallbackThreadInitializer(true, false, "continuo-jack-notify"));
            check(jack.jack_set_xrun_callback(client, xrunCallback, null), "jack_set_xrun_callback",
                    "could not install the xrun callback");
            jack.jack_on_info_shutdown(client, shutdownCallback, null);
            check(jack.jack_activate(client), "jack_activate", "could not activate the JACK client");
        } catch (BackendException e) {
            close();
            throw e;
        }
    }

    private Pointer register(String shortName, int flags) throws BackendException {
        Pointer port = jack.jack_port_register(client, shortName, JackLibrary.JACK_DEFAULT_MIDI_TYPE,
                new NativeLong(flags), new NativeLong(0));
        if (port == null) {
            throw new BackendException("could not register the JACK MIDI port \"" + shortName + "\"",
                    "jack_port_register", 0);
        }
        portNames.add(jack.jack_port_name(port));
        return port;
    }

    private static void check(int code, String function, String message) throws BackendException {
        if (code != 0) {
            throw new BackendException(message, function, code);
        }
    }

    private static String openFailure(String clientName, int status) {
        if ((status & JackLibrary.JackNameNotUnique) != 0) {
            return "another JACK client is already called \"" + clientName + "\" (is Continuo already running?)";
        }
        if ((status & JackLibrary.JackServerFailed) != 0) {
            String server = System.getenv("JACK_DEFAULT_SERVER");
            return "no JACK server is running" + (server == null ? "" : " with the name \"" + server + "\"")
                    + "; start one (e.g. qjackctl, or jackd -d alsa) and try again";
        }
        return "the JACK server refused the client \"" + clientName + "\"";
    }

    @Override
    public List<String> portNames() {
        return List.copyOf(portNames);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int framesPerCycle() {
        return framesPerCycle;
    }

    @Override
    public CycleLoad load() {
        return load;
    }

    /** Called on the real-time thread. */
    private int process(int frames, Pointer unused) {
        long started = System.nanoTime();
        try {
            readTransport();
            int frameTime = jack.jack_last_frame_time(client);
            // JACK's frame time is 32 bits and wraps after a day at 48 kHz; the handler gets a 64-bit count.
            firstFrame = frameCountStarted ? firstFrame + ((frameTime - lastFrameTime) & 0xFFFF_FFFFL) : frameTime & 0xFFFF_FFFFL;
            lastFrameTime = frameTime;
            frameCountStarted = true;
            handler.beginCycle(firstFrame, frames, sampleRate, transport);
            readInput(frames);
            for (int port = 0; port < outputPorts.length; port++) {
                long buffer = jack.jack_port_get_buffer(outputPorts[port], frames);
                jack.jack_midi_clear_buffer(buffer);
                outputBuffers[port] = buffer;
            }
            handler.render(output);
        } catch (RuntimeException | Error e) {
            load.failed(e);
        }
        load.cycle(System.nanoTime() - started, frames, sampleRate);
        return 0;
    }

    private void readTransport() {
        int state = jack.jack_transport_query(client, Pointer.nativeValue(position));
        transport.set(state == JackLibrary.JackTransportRolling,
                position.getInt(JackPosition.FRAME) & 0xFFFF_FFFFL);
        if ((position.getInt(JackPosition.VALID) & JackLibrary.JackPositionBBT) != 0) {
            transport.setBbt(position.getInt(JackPosition.BAR), position.getInt(JackPosition.BEAT),
                    position.getInt(JackPosition.TICK), position.getDouble(JackPosition.TICKS_PER_BEAT),
                    position.getFloat(JackPosition.BEATS_PER_BAR), position.getFloat(JackPosition.BEAT_TYPE),
                    position.getDouble(JackPosition.BEATS_PER_MINUTE));
        }
    }

    private void readInput(int frames) {
        long buffer = jack.jack_port_get_buffer(inputPort, frames);
        int count = jack.jack_midi_get_event_count(buffer);
        long eventAddress = Pointer.nativeValue(event);
        for (int index = 0; index < count; index++) {
            if (jack.jack_midi_event_get(eventAddress, buffer, index) != 0) {
                continue;
            }
            int offset = event.getInt(JackMidiEvent.TIME);
            long size = event.getLong(JackMidiEvent.DATA_SIZE);
            eventBytes.moveTo(event.getLong(JackMidiEvent.BUFFER));
            for (long read = 0; read < size; read += INPUT_CHUNK) {
                int length = (int) Math.min(INPUT_CHUNK, size - read);
                eventBytes.read(read, inputChunk, 0, length);
                handler.input(offset, inputChunk, length);
            }
        }
    }

    @Override
    public int outputConnections() {
        int connections = 0;
        for (Pointer port : outputPorts) {
            connections += jack.jack_port_connected(port);
        }
        return connections;
    }

    /**
     * A conditional request: it succeeds while no other client is timebase master and, repeated by the master, keeps
     * the role; so repeating it notices a master that took the role over and takes it back once that one releases it.
     */
    @Override
    public boolean offerTempo(double beatsPerMinute) throws BackendException {
        timebaseBeatsPerMinute = beatsPerMinute;
        Native.setCallbackThreadInitializer(timebaseCallback,
                new CallbackThreadInitializer(true, false, "continuo-jack-timebase"));
        int code = jack.jack_set_timebase_callback(client, 1, timebaseCallback, null);
        if (code == EBUSY) {
            return false;
        }
        check(code, "jack_set_timebase_callback", "could not become JACK timebase master");
        return true;
    }

    /**
     * Called on the real-time thread when JACK asks its timebase master for the position of the current cycle: fills
     * bar, beat, tick and tempo of the {@code jack_position_t} at {@code position}, computed from its frame.
     */
    private void timebase(int state, int frames, long position, int newPosition, Pointer unused) {
        timebasePosition.moveTo(position);
        double beatsPerMinute = timebaseBeatsPerMinute;
        long frame = timebasePosition.getInt(JackPosition.FRAME) & 0xFFFF_FFFFL;
        barBeatTick.locate(frame, sampleRate, beatsPerMinute, BEATS_PER_BAR);
        timebasePosition.setInt(JackPosition.VALID,
                timebasePosition.getInt(JackPosition.VALID) | JackLibrary.JackPositionBBT);
        timebasePosition.setInt(JackPosition.BAR, barBeatTick.bar);
        timebasePosition.setInt(JackPosition.BEAT, barBeatTick.beat);
        timebasePosition.setInt(JackPosition.TICK, barBeatTick.tick);
        timebasePosition.setDouble(JackPosition.BAR_START_TICK, barBeatTick.barStartTick);
        timebasePosition.setFloat(JackPosition.BEATS_PER_BAR, BEATS_PER_BAR);
        timebasePosition.setFloat(JackPosition.BEAT_TYPE, 4);
        timebasePosition.setDouble(JackPosition.TICKS_PER_BEAT, BarBeatTick.TICKS_PER_BEAT);
        timebasePosition.setDouble(JackPosition.BEATS_PER_MINUTE, beatsPerMinute);
    }

    /** Called on JACK's notification thread after an xrun: counts it, lock-free and allocating nothing. */
    private int xrun(Pointer unused) {
        load.xrun();
        return 0;
    }

    /** Called on a JACK thread when the server closes the client. */
    private void shutdown(int code, String reason, Pointer unused) {
        serverGone = true;
        listener.serviceLost(reason == null || reason.isBlank() ? "the JACK server shut down" : reason.trim());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || client == null) {
            return;
        }
        if (!serverGone) {
            jack.jack_deactivate(client);
        }
        jack.jack_client_close(client);
        client = null;
    }

    /** Writes into the output buffers of the current cycle. Used on the real-time thread only. */
    private final class Output implements MidiOutput {
        @Override
        public boolean write(int port, int frameOffset, int status, int data1, int data2, int length) {
            outgoing.setByte(0, (byte) status);
            outgoing.setByte(1, (byte) data1);
            outgoing.setByte(2, (byte) data2);
            return jack.jack_midi_event_write(outputBuffers[port], frameOffset, Pointer.nativeValue(outgoing),
                    length) == 0;
        }
    }
}
