package dev.continuo.bridge.backend.alsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.continuo.bridge.backend.MidiOutput;
import dev.continuo.bridge.backend.PortLayout;
import dev.continuo.bridge.backend.RealTimeHandler;
import dev.continuo.bridge.backend.TransportSnapshot;
import dev.continuo.natives.alsa.AlsaSeqEvent;
import dev.continuo.natives.alsa.AlsaSeqLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The ALSA backend. ALSA's MIDI codec is real (libasound runs anywhere); the sequencer device is a stand-in where
 * there is no /dev/snd/seq (this machine, most CI machines), and real in {@link #againstTheRealSequencer} where it
 * exists.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "libasound exists on Linux only")
class AlsaSeqBackendTest {

    private static final AlsaSeqLibrary REAL = AlsaSeqLibrary.load();

    /** Real codec, stand-in sequencer: records the events sent and hands over queued input events. */
    private static final class Sequencer implements AlsaSeqLibrary {
        final List<byte[]> sent = new CopyOnWriteArrayList<>();
        final List<Memory> pending = new CopyOnWriteArrayList<>();
        int queueStarts;

        @Override
        public int snd_seq_open(PointerByReference handle, String name, int streams, int mode) {
            handle.setValue(new Memory(8));
            return 0;
        }

        @Override
        public int snd_seq_close(Pointer handle) {
            return 0;
        }

        @Override
        public int snd_seq_set_client_name(Pointer handle, String name) {
            return 0;
        }

        @Override
        public int snd_seq_client_id(Pointer handle) {
            return 128;
        }

        private int ports;

        @Override
        public int snd_seq_create_simple_port(Pointer handle, String name, int caps, int type) {
            return ports++;
        }

        @Override
        public int snd_seq_alloc_queue(Pointer handle) {
            return 3;
        }

        @Override
        public int snd_seq_free_queue(Pointer handle, int queue) {
            return 0;
        }

        @Override
        public int snd_seq_control_queue(Pointer handle, int queue, int type, int value, Pointer event) {
            queueStarts += type == SND_SEQ_EVENT_START ? 1 : 0;
            return 0;
        }

        @Override
        public int snd_seq_drain_output(Pointer handle) {
            return 0;
        }

        @Override
        public int snd_seq_event_output_direct(Pointer handle, Pointer event) {
            sent.add(event.getByteArray(0, AlsaSeqEvent.SIZE));
            return AlsaSeqEvent.SIZE;
        }

        @Override
        public int snd_seq_event_input(Pointer handle, PointerByReference event) {
            if (pending.isEmpty()) {
                return EAGAIN;
            }
            event.setValue(pending.remove(0));
            return 1;
        }

        @Override
        public int snd_seq_nonblock(Pointer handle, int nonblock) {
            return 0;
        }

        @Override
        public int snd_midi_event_new(NativeLong bufferSize, PointerByReference encoder) {
            return REAL.snd_midi_event_new(bufferSize, encoder);
        }

        @Override
        public void snd_midi_event_free(Pointer encoder) {
            REAL.snd_midi_event_free(encoder);
        }

        @Override
        public void snd_midi_event_no_status(Pointer encoder, int on) {
            REAL.snd_midi_event_no_status(encoder, on);
        }

        @Override
        public NativeLong snd_midi_event_encode(Pointer encoder, byte[] bytes, NativeLong count, Pointer event) {
            return REAL.snd_midi_event_encode(encoder, bytes, count, event);
        }

        @Override
        public NativeLong snd_midi_event_decode(Pointer encoder, byte[] bytes, NativeLong count, Pointer event) {
            return REAL.snd_midi_event_decode(encoder, bytes, count, event);
        }

        @Override
        public void snd_midi_event_reset_encode(Pointer encoder) {
            REAL.snd_midi_event_reset_encode(encoder);
        }
    }

    private static final class Handler implements RealTimeHandler {
        final List<Integer> input = new CopyOnWriteArrayList<>();

        @Override
        public void beginCycle(long firstFrame, int frames, int sampleRate, TransportSnapshot transport) {
        }

        @Override
        public void input(int frameOffset, byte[] data, int length) {
            for (int i = 0; i < length; i++) {
                input.add(data[i] & 0xFF);
            }
        }

        @Override
        public void render(MidiOutput output) {
            output.write(1, 5, 0x92, 55, 77, 3);
        }
    }

    @Test
    void schedulesEventsOnItsQueueForItsSubscribersAndDecodesInput() throws Exception {
        Sequencer sequencer = new Sequencer();
        Handler handler = new Handler();
        AlsaSeqBackend backend = new AlsaSeqBackend(sequencer);
        backend.open("continuo", PortLayout.SPLIT, handler, reason -> { });
        try {
            assertEquals(List.of("128:0 melody_in", "128:1 part1", "128:2 part2", "128:3 part3", "128:4 part4"),
                    backend.portNames());
            assertEquals(1, sequencer.queueStarts);
            // A note-on from an application, encoded by ALSA's own codec as the kernel would deliver it.
            Memory incoming = new Memory(AlsaSeqEvent.SIZE);
            incoming.clear(AlsaSeqEvent.SIZE);
            PointerByReference codec = new PointerByReference();
            REAL.snd_midi_event_new(new NativeLong(64), codec);
            REAL.snd_midi_event_encode(codec.getValue(), new byte[] {(byte) 0x90, 64, 99}, new NativeLong(3),
                    incoming);
            REAL.snd_midi_event_free(codec.getValue());
            sequencer.pending.add(incoming);
            Thread.sleep(60);
        } finally {
            backend.close();
        }
        assertEquals(List.of(0x90, 64, 99), handler.input);
        assertTrue(sequencer.sent.size() > 10, "output every cycle: " + sequencer.sent.size());
        byte[] event = sequencer.sent.get(0);
        assertEquals(6, event[AlsaSeqEvent.TYPE], "SND_SEQ_EVENT_NOTEON");
        assertEquals(AlsaSeqLibrary.SND_SEQ_TIME_STAMP_REAL | AlsaSeqLibrary.SND_SEQ_TIME_MODE_REL,
                event[AlsaSeqEvent.FLAGS] & 3);
        assertEquals(3, event[AlsaSeqEvent.QUEUE]);
        assertEquals(2, event[AlsaSeqEvent.SOURCE_PORT], "part 2 is the third port");
        assertEquals(AlsaSeqLibrary.SND_SEQ_ADDRESS_SUBSCRIBERS, event[AlsaSeqEvent.DEST_CLIENT] & 0xFF);
        assertEquals(AlsaSeqLibrary.SND_SEQ_ADDRESS_UNKNOWN, event[AlsaSeqEvent.DEST_PORT] & 0xFF);
        int nanos = java.nio.ByteBuffer.wrap(event, AlsaSeqEvent.TIME_NANOS, 4)
                .order(java.nio.ByteOrder.nativeOrder()).getInt();
        assertTrue(nanos > 0 && nanos <= 4_000_000, "scheduled a little ahead: " + nanos + " ns");
        Memory decoded = new Memory(AlsaSeqEvent.SIZE);
        decoded.write(0, event, 0, AlsaSeqEvent.SIZE);
        PointerByReference codec = new PointerByReference();
        REAL.snd_midi_event_new(new NativeLong(64), codec);
        byte[] bytes = new byte[8];
        long length = REAL.snd_midi_event_decode(codec.getValue(), bytes, new NativeLong(8), decoded).longValue();
        REAL.snd_midi_event_free(codec.getValue());
        assertEquals(3, length);
        assertEquals(List.of(0x92, 55, 77), List.of(bytes[0] & 0xFF, (int) bytes[1], (int) bytes[2]));
    }

    static boolean sequencerDevice() {
        return Files.exists(Path.of("/dev/snd/seq"));
    }

    @Test
    @EnabledIf(value = "sequencerDevice", disabledReason = "no ALSA sequencer here (/dev/snd/seq is missing)")
    void againstTheRealSequencer() throws Exception {
        AlsaSeqBackend backend = new AlsaSeqBackend(REAL);
        backend.open("continuo-test", PortLayout.SINGLE, new Handler(), reason -> { });
        try {
            assertEquals(2, backend.portNames().size());
            Thread.sleep(200);
            assertEquals(0, backend.load().failures(), String.valueOf(backend.load().lastFailure()));
        } finally {
            backend.close();
        }
    }
}
