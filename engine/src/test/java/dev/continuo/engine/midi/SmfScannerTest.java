package dev.continuo.engine.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.testing.BrokenMidiCorpus;
import dev.continuo.engine.testing.SmfBytes;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SmfScannerTest {

    private final SmfScanner scanner = new SmfScanner();

    static Stream<BrokenMidiCorpus.Case> structurallyBroken() {
        // The last two cases are well-formed bytes that only the reader rejects.
        return BrokenMidiCorpus.all().values().stream()
                .filter(c -> !c.fileName().equals("no-notes.mid") && !c.fileName().equals("too-long.mid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structurallyBroken")
    void rejectsBrokenStructureNamingTheProblem(BrokenMidiCorpus.Case broken) {
        MalformedSmfException e = assertThrows(MalformedSmfException.class, () -> scanner.scan(broken.bytes()));
        assertTrue(e.getMessage().contains(broken.expectedPhrase()),
                () -> "expected \"" + broken.expectedPhrase() + "\" in: " + e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }

    @Test
    void countsEventsAndFindsTheLastTickAcrossTracks() throws MalformedSmfException {
        byte[] conductor = SmfBytes.events().at(0, 0xFF, 0x51, 3, 0x07, 0xA1, 0x20).endOfTrack(500).bytes();
        byte[] notes = SmfBytes.events()
                .at(0, 0x90, 60, 100)
                .at(96, 62, 100) // running status
                .at(96, 60, 0)   // note-on velocity 0 as note-off, running status
                .at(96, 0x80, 62, 0)
                .endOfTrack(0).bytes();
        SmfLayout layout = scanner.scan(SmfBytes.header(1, 2, 96).track(conductor).track(notes).bytes());
        assertEquals(new SmfLayout(1, 2, 96, 7, 500), layout);
    }

    @Test
    void skipsUnknownChunksAndToleratesAMissingEndOfTrack() throws MalformedSmfException {
        byte[] body = SmfBytes.events().at(0, 0x90, 60, 100).at(10, 0x80, 60, 0).bytes();
        byte[] file = SmfBytes.header(0, 1, 96).raw('X', 'F', 'I', 'H', 0, 0, 0, 2, 1, 2).track(body).bytes();
        assertEquals(new SmfLayout(0, 1, 96, 2, 10), scanner.scan(file));
    }

    @Test
    void boundsTheNumberOfEvents() {
        MalformedSmfException e = assertThrows(MalformedSmfException.class,
                () -> scanner.scan(BrokenMidiCorpus.millionEvents()));
        assertTrue(e.getMessage().contains("more than 500000 events"), e.getMessage());
    }
}
