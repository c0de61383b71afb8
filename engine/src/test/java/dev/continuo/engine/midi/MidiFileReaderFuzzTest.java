package dev.continuo.engine.midi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;

/**
 * Coverage-guided fuzzing of the Standard MIDI File scanner and reader: any bytes give a piano roll whose notes lie
 * within it, or a {@link BadMidiFileException} whose message is one printable line; nothing else. Seeds in
 * {@code MidiFileReaderFuzzTestInputs}.
 */
class MidiFileReaderFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveARollOrAOneLineError(byte[] bytes) {
        PianoRoll roll;
        try {
            roll = new MidiFileReader().read(bytes, "fuzz.mid");
        } catch (BadMidiFileException e) {
            assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && (c < 0x7F || c >= 0xA0)), e.getMessage());
            return;
        }
        assertTrue(roll.steps() >= 0 && roll.steps() <= PianoRoll.MAX_STEPS, "steps " + roll.steps());
        for (Part part : roll.parts()) {
            part.notes().forEach(note -> assertTrue(note.endStep() <= part.steps(), note + " in " + part.steps()));
        }
    }
}
