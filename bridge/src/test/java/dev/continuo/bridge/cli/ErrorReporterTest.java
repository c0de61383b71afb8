package dev.continuo.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.engine.midi.BadMidiFileException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {

    private final ErrorReporter reporter = new ErrorReporter();

    @Test
    void userFixableProblemsAreBadInput() {
        assertEquals(Continuo.BAD_INPUT,
                reporter.handleExecutionException(new BadMidiFileException("a.mid", "empty file"), null, null));
        assertEquals(Continuo.BAD_INPUT,
                reporter.handleExecutionException(new BadInputException("a.mid: track 3 has no notes"), null, null));
        assertEquals(Continuo.BAD_INPUT, reporter.handleExecutionException(
                new java.nio.file.FileSystemException("out/", null, "a folder; give a file name"), null, null),
                "a path the user gave that cannot be written");
    }

    @Test
    void everythingElseIsAnInternalError() {
        assertEquals(Continuo.INTERNAL_ERROR,
                reporter.handleExecutionException(new IllegalStateException("bug"), null, null));
    }
}
