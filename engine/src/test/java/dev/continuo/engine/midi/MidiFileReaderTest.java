package dev.continuo.engine.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import dev.continuo.engine.testing.BrokenMidiCorpus;
import dev.continuo.engine.testing.SmfBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MidiFileReaderTest {

    private static final int PPQ = 96;
    private static final int SIXTEENTH = PPQ / 4;

    private final MidiFileReader reader = new MidiFileReader();

    @Test
    void readsFormat0WithRunningStatusVelocityZeroOffsAndSeveralChannels() throws Exception {
        byte[] body = SmfBytes.events()
                .at(0, 0xFF, 0x03, 4, 'S', 'o', 'n', 'g')
                .at(0, 0xC1, 33)                        // bass program on channel 2
                .at(0, 0x90, 72, 100)                   // melody, channel 1
                .at(0, 0x91, 36, 80)                    // bass, channel 2
                .at(PPQ, 0x90, 72, 0)                   // note-on velocity 0 ends the melody note
                .at(0, 74, 90)                          // running status: another note-on on channel 1
                .at(PPQ, 74, 0)
                .at(0, 0x81, 36, 0)                     // bass off after two quarters
                .endOfTrack(0).bytes();
        PianoRoll roll = reader.read(SmfBytes.header(0, 1, PPQ).track(body).bytes(), "type0.mid");

        assertEquals(2, roll.parts().size());
        Part melody = roll.part(0);
        Part bass = roll.part(1);
        assertEquals("Song (ch 1)", melody.name());
        assertEquals(0, melody.channel());
        assertEquals(List.of(new Note(72, 0, 4, 100), new Note(74, 4, 4, 90)), melody.notes());
        assertEquals("Song (ch 2)", bass.name());
        assertEquals(33, bass.program());
        assertEquals(List.of(new Note(36, 0, 8, 80)), bass.notes());
        assertEquals(16, roll.steps(), "one bar of 4/4");
    }

    @Test
    void overlappingSameNoteIsRestruckAndKeepsItsOwnNoteOff() throws Exception {
        // on(t0) on(t1 beat) off(t2 beats) off(t3 beats): the second note runs to the last off.
        byte[] body = SmfBytes.events()
                .at(0, 0x90, 60, 100)
                .at(PPQ, 0x90, 60, 90)
                .at(PPQ, 0x80, 60, 0)
                .at(PPQ, 0x80, 60, 0)
                .at(0, 0x80, 64, 0)                     // a note-off without a note-on is ignored
                .endOfTrack(0).bytes();
        PianoRoll roll = reader.read(SmfBytes.header(0, 1, PPQ).track(body).bytes(), "overlap.mid");
        assertEquals(List.of(new Note(60, 0, 4, 100), new Note(60, 4, 8, 90)), roll.part(0).notes());
    }

    @Test
    void quantizesToTheNearestStepAndKeepsVeryShortNotes() throws Exception {
        byte[] body = SmfBytes.events()
                .at(SIXTEENTH + 11, 0x90, 60, 100)     // tick 35 = step 1.46: rounds to step 1
                .at(SIXTEENTH - 2, 0x80, 60, 0)        // tick 57 = step 2.38: rounds to step 2
                .at(SIXTEENTH + 13, 0x90, 62, 100)     // tick 94 = step 3.92: rounds to step 4
                .at(3, 0x80, 62, 0)                    // tick 97 = step 4.04: shorter than a step, kept as one
                .endOfTrack(0).bytes();
        PianoRoll roll = reader.read(SmfBytes.header(0, 1, PPQ).track(body).bytes(), "q.mid");
        assertEquals(List.of(new Note(60, 1, 1, 100), new Note(62, 4, 1, 100)), roll.part(0).notes());
    }

    @Test
    void readsTempoMapsAndTimeSignaturesFromTheConductorTrack() throws Exception {
        byte[] conductor = SmfBytes.events()
                .at(0, 0xFF, 0x58, 4, 3, 2, 24, 8)                 // 3/4
                .at(0, 0xFF, 0x51, 3, 0x09, 0x27, 0xC0)            // 600000 µs = 100 bpm
                .at(3 * PPQ, 0xFF, 0x51, 3, 0x07, 0xA1, 0x20)      // bar 2: 120 bpm
                .at(3 * PPQ, 0xFF, 0x58, 4, 6, 3, 36, 8)           // bar 3: 6/8
                .endOfTrack(0).bytes();
        byte[] notes = SmfBytes.events()
                .at(0, 0xFF, 0x03, 6, 'M', 'e', 'l', 'o', 'd', 'y')
                .at(0, 0x90, 67, 100).at(9 * PPQ, 0x80, 67, 0).endOfTrack(0).bytes();
        PianoRoll roll = reader.read(SmfBytes.header(1, 2, PPQ).track(conductor).track(notes).bytes(), "t.mid");

        assertEquals(List.of(new TempoChange(0, 600_000), new TempoChange(12, 500_000)), roll.tempos());
        assertEquals(List.of(new MeterChange(0, new Meter(3, 4)), new MeterChange(24, new Meter(6, 8))),
                roll.meters());
        assertEquals("Melody", roll.part(0).name());
        assertEquals(1, roll.part(0).sourceTrack());
        // Bars: 3/4 at 0 and 12, 6/8 at 24; the note ends exactly at step 36, the end of the 6/8 bar.
        assertEquals(36, roll.steps());
        assertEquals(3, roll.barStarts().length);
    }

    @Test
    void noteStillSoundingAtEndOfTrackEndsThere() throws Exception {
        byte[] body = SmfBytes.events().at(0, 0x90, 60, 100).endOfTrack(2 * PPQ).bytes();
        PianoRoll roll = reader.read(SmfBytes.header(0, 1, PPQ).track(body).bytes(), "open.mid");
        assertEquals(List.of(new Note(60, 0, 8, 100)), roll.part(0).notes());
    }

    @Test
    void otherResolutionsMapToTheirGrid() throws Exception {
        MidiFileReader eighths = new MidiFileReader(2);
        byte[] body = SmfBytes.events().at(0, 0x90, 60, 100).at(PPQ, 0x80, 60, 0).endOfTrack(0).bytes();
        PianoRoll roll = eighths.read(SmfBytes.header(0, 1, PPQ).track(body).bytes(), "e.mid");
        assertEquals(List.of(new Note(60, 0, 2, 100)), roll.part(0).notes());
        assertEquals(8, roll.steps());
    }

    static Stream<BrokenMidiCorpus.Case> brokenFiles() {
        return BrokenMidiCorpus.all().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void rejectsBrokenFilesWithOneLineNamingFileAndProblem(BrokenMidiCorpus.Case broken, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve(broken.fileName());
        Files.write(file, broken.bytes());
        BadMidiFileException e = assertThrows(BadMidiFileException.class, () -> reader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(broken.expectedPhrase()),
                () -> "expected \"" + broken.expectedPhrase() + "\" in: " + e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void rejectsDirectoriesMissingAndOversizedFiles(@TempDir Path dir) throws Exception {
        assertTrue(assertThrows(BadMidiFileException.class, () -> reader.read(dir)).problem()
                .contains("is a directory"));
        assertTrue(assertThrows(BadMidiFileException.class, () -> reader.read(dir.resolve("nope.mid"))).problem()
                .contains("no such file"));
        Path big = dir.resolve("big.mid");
        Files.write(big, new byte[(int) MidiFileReader.MAX_FILE_BYTES + 1]);
        assertTrue(assertThrows(BadMidiFileException.class, () -> reader.read(big)).problem()
                .contains("up to " + MidiFileReader.MAX_FILE_BYTES + " bytes"));
    }

    @Test
    void rejectsAMillionEventFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("million.mid");
        Files.write(file, BrokenMidiCorpus.millionEvents());
        BadMidiFileException e = assertThrows(BadMidiFileException.class, () -> reader.read(file));
        assertTrue(e.problem().contains("more than 500000 events"), e.getMessage());
    }

    @Test
    void controlCharactersInATrackNameNeverReachTheTerminal() throws Exception {
        byte[] body = SmfBytes.events()
                .at(0, 0xFF, 0x03, 6, 'A', 0x1B, '[', '2', 'J', 0x07)
                .at(0, 0x90, 72, 100)
                .at(PPQ, 0x80, 72, 0)
                .endOfTrack(0).bytes();
        PianoRoll roll = reader.read(SmfBytes.header(0, 1, PPQ).track(body).bytes(), "escape.mid");
        assertEquals("A?[2J", roll.part(0).name(), "the bell at the end is trimmed with the spaces");
        assertEquals(64, MidiFileReader.printable("x".repeat(500)).length());
    }

    @Test
    void aFileFullOfMalformedEventsLogsTenWarningsAndOneSum() throws Exception {
        SmfBytes.Events events = SmfBytes.events();
        for (int i = 0; i < 1000; i++) {
            events.at(0, 0xFF, 0x51, 2, 0, 0); // a tempo event two bytes long
        }
        byte[] body = events.at(0, 0x90, 72, 100).at(PPQ, 0x80, 72, 0).endOfTrack(0).bytes();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(MidiFileReader.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            reader.read(SmfBytes.header(0, 1, PPQ).track(body).bytes(), "noisy.mid");
        } finally {
            logger.detachAppender(lines);
        }
        List<String> warnings = lines.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        assertEquals(11, warnings.size(), warnings.toString());
        assertEquals("noisy.mid: ignored a tempo event with 2 data bytes (expected 3)", warnings.get(0));
        assertEquals("noisy.mid: 990 more such events ignored", warnings.get(10));
    }
}
