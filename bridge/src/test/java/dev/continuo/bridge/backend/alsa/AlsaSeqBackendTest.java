package dev.continuo.bridge.backend.alsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.continuo.bridge.cycle.MidiOutput;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.TransportSnapshot;
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

    private static final AlsaSeqLibrary REAL = AlsaSequencerStandIn.REAL;

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
        AlsaSequencerStandIn sequencer = new AlsaSequencerStandIn();
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
        // Each event is due a little ahead; one sent after a stall of the (here cold, unprivileged) cycle thread
        // longer than the look-ahead goes out at once (0 ns), so only most of them must be ahead.
        List<Integer> ahead = sequencer.sent.stream().map(sent -> java.nio.ByteBuffer.wrap(sent,
                AlsaSeqEvent.TIME_NANOS, 4).order(java.nio.ByteOrder.nativeOrder()).getInt()).toList();
        assertTrue(ahead.stream().allMatch(nanos -> nanos >= 0 && nanos <= 4_000_000), "within 4 ms: " + ahead);
        assertTrue(ahead.stream().filter(nanos -> nanos > 0).count() * 2 > ahead.size(),
                "scheduled a little ahead: " + ahead);
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
