package dev.continuo.bridge.backend.javasound;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.BackendKind;
import dev.continuo.bridge.backend.BackendListener;
import dev.continuo.bridge.backend.CycleClock;
import dev.continuo.bridge.backend.TimerCycleDriver;
import dev.continuo.bridge.backend.TimerDrivenBackend;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Transmitter;

/**
 * The portable backend: javax.sound.midi. It cannot create virtual ports; it connects to ports that exist — a
 * hardware keyboard, or a virtual port made by loopMIDI / Windows MIDI Services on Windows or the IAC driver on
 * macOS — by name. Runs on a {@link TimerCycleDriver} with 64-frame (1.3 ms) cycles; events are sent when their cycle
 * runs, since javax.sound.midi devices ignore timestamps, so timing is good to about a cycle, not to the frame.
 * javax.sound.midi needs a message object per outgoing event; a {@link ReceiverFeed} makes them off the cycle thread,
 * which allocates nothing.
 */
public final class JavaSoundBackend extends TimerDrivenBackend {

    private final MidiDevices devices;
    private final String inputName;
    private final String outputName;
    private MidiDevice inputDevice;
    private MidiDevice outputDevice;
    private Transmitter transmitter;
    private Receiver receiver;
    private ReceiverFeed feed;

    /**
     * @param inputName  part of the name of the port the melody comes from
     * @param outputName part of the name of the port the accompaniment goes to
     */
    public JavaSoundBackend(MidiDevices devices, String inputName, String outputName) {
        this(devices, inputName, outputName, CycleClock.SYSTEM);
    }

    /** As {@link #JavaSoundBackend(MidiDevices, String, String)}, with cycles timed by {@code clock}. */
    public JavaSoundBackend(MidiDevices devices, String inputName, String outputName, CycleClock clock) {
        super(clock);
        this.devices = devices;
        this.inputName = inputName;
        this.outputName = outputName;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.JAVASOUND;
    }

    @Override
    public void open(String clientName, PortLayout layout, RealTimeHandler handler, BackendListener listener)
            throws BackendException {
        if (layout != PortLayout.SINGLE) {
            throw new BackendException("the javasound backend connects to one existing output port; use --ports "
                    + "single (the parts are on their own channels)");
        }
        if (inputName == null || outputName == null) {
            throw new BackendException("the javasound backend needs --input NAME and --output NAME (see continuo "
                    + "ports)");
        }
        try {
            inputDevice = devices.find(inputName, true);
            outputDevice = devices.find(outputName, false);
            inputDevice.open();
            outputDevice.open();
            receiver = outputDevice.getReceiver();
            feed = new ReceiverFeed(receiver, "continuo-javasound-send");
            TimerCycleDriver driver = newDriver(handler,
                    (port, dueNanos, status, data1, data2, length) -> feed.offer(status, data1, data2, length));
            transmitter = inputDevice.getTransmitter();
            transmitter.setReceiver(new Input(driver, clock()));
            driver.start("continuo-javasound-cycle");
        } catch (MidiUnavailableException e) {
            close();
            throw new BackendException(e.getMessage());
        }
    }

    @Override
    public List<String> portNames() {
        return List.of(inputDevice.getDeviceInfo().getName(), outputDevice.getDeviceInfo().getName());
    }

    @Override
    public void close() {
        stopDriver();
        if (feed != null) {
            feed.close();
        }
        if (transmitter != null) {
            transmitter.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (inputDevice != null && inputDevice.isOpen()) {
            inputDevice.close();
        }
        if (outputDevice != null && outputDevice.isOpen()) {
            outputDevice.close();
        }
    }

    /** Receives from the input port, on its thread; stamps and hands the bytes to the cycle thread. */
    private static final class Input implements Receiver {
        private final TimerCycleDriver driver;
        private final CycleClock clock;

        Input(TimerCycleDriver driver, CycleClock clock) {
            this.driver = driver;
            this.clock = clock;
        }

        @Override
        public void send(MidiMessage message, long timeStamp) {
            driver.offer(clock.nanoTime(), message.getMessage(), message.getLength());
        }

        @Override
        public void close() {
        }
    }
}
