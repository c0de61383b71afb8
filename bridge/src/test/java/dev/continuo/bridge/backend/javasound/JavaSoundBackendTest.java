package dev.continuo.bridge.backend.javasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.backend.Allocations;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.SteadyHandler;
import dev.continuo.bridge.backend.SteppedClock;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.bridge.realtime.CaptureRecord;
import dev.continuo.bridge.realtime.ClockSource;
import dev.continuo.bridge.realtime.EngineOptions;
import dev.continuo.bridge.realtime.PhraseBook;
import dev.continuo.bridge.realtime.PhrasePattern;
import dev.continuo.bridge.realtime.RealTimeEngine;
import dev.continuo.bridge.serve.PhrasePatterns;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;

/**
 * The javax.sound.midi backend between two of the JDK's own real devices: one sequencer plays a melody into it, a
 * second one records what it sends. (Hardware and loopMIDI/IAC ports are found by name the same way; the test only
 * substitutes the lookup, since this machine has no MIDI hardware.)
 */
class JavaSoundBackendTest {

    private static final int PPQ = 480;

    private static Sequence melody() throws Exception {
        Sequence sequence = new Sequence(Sequence.PPQ, PPQ);
        Track track = sequence.createTrack();
        int[] pitches = {60, 62, 64, 65};
        for (int i = 0; i < pitches.length; i++) {
            track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, pitches[i], 90), i * PPQ));
            track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, pitches[i], 0), i * PPQ + 400));
        }
        return sequence;
    }

    private static MidiDevices devices(MidiDevice input, MidiDevice output) {
        return new MidiDevices() {
            @Override
            public MidiDevice find(String name, boolean in) {
                return in ? input : output;
            }
        };
    }

    @Test
    void capturesTheMelodyEchoesItAndPlaysTheAccompanimentInTime() throws Exception {
        Sequencer player = MidiSystem.getSequencer(false);
        Sequencer recorder = MidiSystem.getSequencer(false);
        player.open();
        player.setSequence(melody());
        player.setTempoInBPM(120);
        recorder.open();
        Sequence recording = new Sequence(Sequence.PPQ, PPQ);
        Track recorded = recording.createTrack();
        // A sequencer stops at the end of its sequence; give the recording room to run.
        recorded.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, 15, 110, 0), 20 * PPQ));
        recorder.setSequence(recording);
        recorder.setTempoInBPM(120);
        recorder.recordEnable(recorded, -1);

        PhraseBook book = new PhraseBook();
        Part bass = new Part("bass", 1, 32, -1, 16);
        for (int beat = 0; beat < 4; beat++) {
            bass.addNote(new Note(36 + beat, beat * 4, 2, 100));
        }
        book.put(0, PhrasePatterns.of(16, List.of(bass), false));
        SpscRing capture = new SpscRing(16_384); // a cycle record every 1.3 ms, besides the notes
        RealTimeEngine engine = new RealTimeEngine(new EngineOptions(PortLayout.SINGLE, ClockSource.INTERNAL, 1, 120,
                0, false, false, 0, 15), book, capture);

        JavaSoundBackend backend = new JavaSoundBackend(devices(player, recorder), "player", "recorder");
        try {
            backend.open("continuo", PortLayout.SINGLE, engine, reason -> { });
            recorder.startRecording();
            player.start();
            Thread.sleep(2600);
            player.stop();
            recorder.stopRecording();
        } finally {
            backend.close();
            player.close();
            recorder.close();
        }

        List<Integer> echoed = new ArrayList<>();
        List<Long> bassTicks = new ArrayList<>();
        for (int i = 0; i < recorded.size(); i++) {
            if (recorded.get(i).getMessage() instanceof ShortMessage message
                    && message.getCommand() == ShortMessage.NOTE_ON && message.getData2() > 0) {
                if (message.getChannel() == 0) {
                    echoed.add(message.getData1());
                } else if (message.getChannel() == 1) {
                    bassTicks.add(recorded.get(i).getTick());
                }
            }
        }
        assertEquals(List.of(60, 62, 64, 65), echoed, "the melody, echoed on channel 1");
        assertTrue(bassTicks.size() >= 4, "the accompaniment played: " + bassTicks);
        for (int i = 1; i < bassTicks.size(); i++) {
            // A beat apart at 120 bpm: 480 ticks = 500 ms; the backend is good to about a 1.3 ms cycle, the
            // recording sequencer to its own scheduling, so allow 20 ms.
            assertEquals(PPQ, bassTicks.get(i) - bassTicks.get(i - 1), 20, "beat spacing " + bassTicks);
        }
        long[] record = new long[2];
        int notesCaptured = 0;
        while (capture.poll(record)) {
            if (CaptureRecord.kind(record[0]) == CaptureRecord.NOTE && CaptureRecord.c(record[0]) > 0) {
                notesCaptured++;
            }
        }
        assertEquals(4, notesCaptured, "the melody's note-ons reached the capture thread");
    }

    @Test
    void refusesSplitPortsAndMissingNames() {
        JavaSoundBackend split = new JavaSoundBackend(new MidiDevices(), "a", "b");
        assertTrue(assertThrows(BackendException.class, () -> split.open("continuo", PortLayout.SPLIT, null, null))
                .getMessage().contains("--ports single"));
        JavaSoundBackend unnamed = new JavaSoundBackend(new MidiDevices(), null, "b");
        assertTrue(assertThrows(BackendException.class, () -> unnamed.open("continuo", PortLayout.SINGLE, null,
                null)).getMessage().contains("--input NAME"));
    }

    @Test
    void anUnknownPortNameListsThePortsThereAre() {
        JavaSoundBackend backend = new JavaSoundBackend(new MidiDevices(), "no such keyboard", "nor this");
        String message = assertThrows(BackendException.class, () -> backend.open("continuo", PortLayout.SINGLE,
                null, null)).getMessage();
        assertTrue(message.startsWith("no MIDI input port matches \"no such keyboard\""), message);
    }

    /**
     * In a steady state (after a warm-up) the cycle thread writes two messages per cycle and allocates nothing: the
     * message objects javax.sound.midi needs are made on the feed thread. The output is the JDK's real recording
     * sequencer, which must receive every message.
     */
    @Test
    void allocatesNothingOnTheCycleThread() throws Exception {
        Sequencer input = MidiSystem.getSequencer(false);
        Sequencer recorder = MidiSystem.getSequencer(false);
        recorder.open();
        Sequence recording = new Sequence(Sequence.PPQ, PPQ);
        Track recorded = recording.createTrack();
        recorder.setSequence(recording);
        recorder.recordEnable(recorded, -1);
        recorder.startRecording();
        SteadyHandler handler = new SteadyHandler(1);
        SteppedClock clock = new SteppedClock(0);
        JavaSoundBackend backend = new JavaSoundBackend(devices(input, recorder), "input", "recorder", clock);
        long cycleBytes;
        try {
            backend.open("continuo", PortLayout.SINGLE, handler, reason -> { });
            clock.awaitStart(backend.load());
            long cycleThread = backend.load().threadId();
            // Stepped cycles run far faster than real ones: let the feed catch up every 100 (200 messages).
            cycleBytes = Allocations.steadyState(cycles -> {
                for (int done = 0; done < cycles; done += 100) {
                    clock.step(100, backend.load());
                    awaitSize(recorded, 2L * handler.cycles() + 1);
                }
            }, 20_000, 5_000, cycleThread)[0];
        } finally {
            backend.close(); // closes both devices; the track keeps what was recorded
        }
        System.out.printf("javasound: %d bytes on the cycle thread in 5000 cycles%n", cycleBytes);
        assertEquals(0, cycleBytes, "bytes allocated on the cycle thread in 5000 cycles");
        assertEquals(2L * handler.cycles(), recorded.size() - 1, "every message reached the receiver");
    }

    private static void awaitSize(Track track, long events) {
        long giveUp = System.nanoTime() + 20_000_000_000L;
        while (track.size() < events) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("the receiver got " + track.size() + " of " + events + " events");
            }
            Thread.onSpinWait();
        }
    }
}
