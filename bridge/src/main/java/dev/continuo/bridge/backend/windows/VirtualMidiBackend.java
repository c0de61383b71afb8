package dev.continuo.bridge.backend.windows;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.BackendKind;
import dev.continuo.bridge.backend.BackendListener;
import dev.continuo.bridge.backend.CycleClock;
import dev.continuo.bridge.backend.TimerCycleDriver;
import dev.continuo.bridge.backend.TimerDrivenBackend;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.natives.MovablePointer;
import dev.continuo.natives.windows.TeVirtualMidiLibrary;

/**
 * Windows: virtual ports through Tobias Erichsen's virtual MIDI driver (installed with loopMIDI) — "Continuo Melody
 * In", which applications send the melody to, and "Continuo" (or "Continuo Part 1"…"4"), which they record the
 * accompaniment from. Runs on a {@link TimerCycleDriver}; the driver sends at once (no timestamps). Sending and
 * receiving allocate nothing (preallocated memory, direct-mapped calls). Written against the driver's header; it
 * cannot run in this project's Linux CI.
 */
public final class VirtualMidiBackend extends TimerDrivenBackend {

    private static final int MAX_SYSEX = 4096;
    static final String MELODY_IN = "Continuo Melody In";

    private final TeVirtualMidiLibrary driver;
    private final byte[] received = new byte[MAX_SYSEX];
    private final MovablePointer receivedBytes = new MovablePointer();
    private final Memory outgoing = new Memory(3);
    private final TeVirtualMidiLibrary.MidiDataCallback callback = this::receive;
    private Pointer input;
    private Pointer[] outputs = new Pointer[0];

    /** @param clock {@link CycleClock#SYSTEM} outside tests */
    public VirtualMidiBackend(TeVirtualMidiLibrary driver, CycleClock clock) {
        super(clock);
        this.driver = driver;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.WINDOWS;
    }

    /** On failure every port created so far is closed before the exception leaves. */
    @Override
    public void open(String clientName, PortLayout layout, RealTimeHandler handler, BackendListener listener)
            throws BackendException {
        newDriver(handler, this::send);
        Native.setCallbackThreadInitializer(callback,
                new CallbackThreadInitializer(true, false, "continuo-virtualmidi-input"));
        input = create(MELODY_IN, callback, TeVirtualMidiLibrary.TE_VM_FLAGS_PARSE_RX
                | TeVirtualMidiLibrary.TE_VM_FLAGS_INSTANTIATE_RX_ONLY);
        outputs = new Pointer[layout.outputPorts()];
        for (int port = 0; port < outputs.length; port++) {
            outputs[port] = create(layout == PortLayout.SINGLE ? "Continuo" : "Continuo Part " + (port + 1), null,
                    TeVirtualMidiLibrary.TE_VM_FLAGS_PARSE_TX | TeVirtualMidiLibrary.TE_VM_FLAGS_INSTANTIATE_TX_ONLY);
        }
        driver().start("continuo-virtualmidi-cycle");
    }

    private Pointer create(String name, TeVirtualMidiLibrary.MidiDataCallback receiver, int flags)
            throws BackendException {
        Pointer port = driver.virtualMIDICreatePortEx2(new WString(name), receiver, null, MAX_SYSEX, flags);
        if (port == null) {
            close();
            throw new BackendException("the virtual MIDI driver refused the port \"" + name + "\" (is another "
                    + "program using that name?)");
        }
        portNames.add(name);
        return port;
    }

    /** Called on the driver's thread with the address of the bytes: must not allocate, block, lock or log. */
    private void receive(long port, long bytes, int length, long instance) {
        if (bytes == 0 || length <= 0) {
            return;
        }
        int count = Math.min(length, received.length);
        receivedBytes.moveTo(bytes);
        receivedBytes.read(0, received, 0, count);
        driver().offer(clock().nanoTime(), received, count);
    }

    /** Called on the cycle thread; allocates nothing. */
    private boolean send(int port, long dueNanos, int status, int data1, int data2, int length) {
        outgoing.setByte(0, (byte) status);
        outgoing.setByte(1, (byte) data1);
        outgoing.setByte(2, (byte) data2);
        return driver.virtualMIDISendData(outputs[port], outgoing, length);
    }

    @Override
    public void close() {
        stopDriver();
        for (Pointer output : outputs) {
            if (output != null) {
                driver.virtualMIDIClosePort(output);
            }
        }
        if (input != null) {
            driver.virtualMIDIClosePort(input);
            input = null;
        }
        outputs = new Pointer[0];
    }
}
