package dev.continuo.bridge.backend.javasound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.bridge.cycle.TransportSnapshot;
import dev.continuo.bridge.realtime.CaptureRecord;
import dev.continuo.bridge.realtime.ClockSource;
import dev.continuo.bridge.realtime.EngineOptions;
import dev.continuo.bridge.realtime.PhraseBook;
import dev.continuo.bridge.realtime.RealTimeEngine;
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

/** A "keyboard" (the JDK's real sequencer playing four notes) heard as melody beside the backend's own input. */
class KeyboardInputTest {

    @Test
    void whatIsPlayedOnTheKeyboardReachesTheEngineAsMelody() throws Exception {
        Sequencer keyboard = MidiSystem.getSequencer(false);
        keyboard.open();
        Sequence sequence = new Sequence(Sequence.PPQ, 480);
        Track track = sequence.createTrack();
        int[] pitches = {72, 74, 76, 77};
        for (int i = 0; i < pitches.length; i++) {
            track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, pitches[i], 90), i * 120L));
            track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, pitches[i], 0), i * 120L + 100));
        }
        keyboard.setSequence(sequence);
        SpscRing capture = new SpscRing(16_384);
        RealTimeEngine engine = new RealTimeEngine(new EngineOptions(PortLayout.SINGLE, ClockSource.INTERNAL, 1, 120,
                0, false, false, -1, 15), new PhraseBook(), capture);
        MidiDevices devices = new MidiDevices() {
            @Override
            public MidiDevice find(String name, boolean input) {
                return keyboard;
            }
        };
        TransportSnapshot none = new TransportSnapshot();
        none.clear();
        try (KeyboardInput input = KeyboardInput.open(engine, devices, "keyboard")) {
            keyboard.start();
            for (long cycle = 0; cycle < 300; cycle++) {
                input.beginCycle(cycle * 256, 256, 48_000, none);
                input.render((port, offset, status, data1, data2, length) -> true);
                Thread.sleep(5);
            }
        }
        List<Integer> heard = new ArrayList<>();
        long[] record = new long[2];
        while (capture.poll(record)) {
            if (CaptureRecord.kind(record[0]) == CaptureRecord.NOTE && CaptureRecord.c(record[0]) > 0) {
                heard.add(CaptureRecord.b(record[0]));
            }
        }
        assertEquals(List.of(72, 74, 76, 77), heard);
    }
}
