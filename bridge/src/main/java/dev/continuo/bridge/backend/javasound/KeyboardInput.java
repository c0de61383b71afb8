package dev.continuo.bridge.backend.javasound;

import dev.continuo.bridge.cycle.MidiOutput;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.bridge.cycle.TransportSnapshot;
import dev.continuo.bridge.midi.PackedMidi;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Transmitter;

/**
 * "Listen to my keyboard": Continuo opens a hardware keyboard itself (through javax.sound.midi) and treats what is
 * played on it as melody, alongside whatever reaches the backend's melody input — for DAWs such as GarageBand that
 * record every MIDI input into one track and cannot route a keyboard to Continuo. Wraps the engine as a
 * {@link RealTimeHandler}: keyboard bytes cross from the device's thread through an {@link SpscRing} and reach the
 * engine at the start of the next cycle (a cycle of latency; the melody is quantized to sixteenths anyway).
 */
public final class KeyboardInput implements RealTimeHandler, AutoCloseable {

    private final RealTimeHandler engine;
    private final SpscRing ring = new SpscRing(4096);
    private final long[] record = new long[2];
    private final byte[] bytes = new byte[PackedMidi.MAX_BYTES];
    private final MidiDevice device;
    private final Transmitter transmitter;

    private KeyboardInput(RealTimeHandler engine, MidiDevice device) throws MidiUnavailableException {
        this.engine = engine;
        this.device = device;
        device.open();
        this.transmitter = device.getTransmitter();
        transmitter.setReceiver(new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                offer(message.getMessage(), message.getLength());
            }

            @Override
            public void close() {
            }
        });
    }

    /**
     * Opens the keyboard whose name contains {@code name}.
     *
     * @throws MidiUnavailableException naming the ports there are, if none matches or it cannot be opened
     */
    public static KeyboardInput open(RealTimeHandler engine, MidiDevices devices, String name)
            throws MidiUnavailableException {
        return new KeyboardInput(engine, devices.find(name, true));
    }

    /** The keyboard's name. */
    public String name() {
        return device.getDeviceInfo().getName();
    }

    /** Called on the device's thread. */
    private void offer(byte[] data, int length) {
        for (int start = 0; start < length; start += PackedMidi.MAX_BYTES) {
            ring.offer(PackedMidi.pack(data, start, Math.min(PackedMidi.MAX_BYTES, length - start)), 0);
        }
    }

    @Override
    public void beginCycle(long firstFrame, int frames, int sampleRate, TransportSnapshot transport) {
        engine.beginCycle(firstFrame, frames, sampleRate, transport);
        while (ring.poll(record)) {
            engine.input(0, bytes, PackedMidi.unpack(record[0], bytes));
        }
    }

    @Override
    public void input(int frameOffset, byte[] data, int length) {
        engine.input(frameOffset, data, length);
    }

    @Override
    public void render(MidiOutput output) {
        engine.render(output);
    }

    @Override
    public void close() {
        transmitter.close();
        device.close();
    }
}
