package dev.continuo.bridge.cli;

import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.model.CorruptWeightsException;
import java.nio.file.FileSystemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns a command's exception into one line on standard error and an exit code: {@link Continuo#BAD_INPUT} for
 * input the user can fix (files included: a path that is missing, a folder, a device, unwritable),
 * {@link Continuo#INTERNAL_ERROR} for everything else. Stack traces go to the DEBUG log.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        int code = exitCode(e);
        if (code == Continuo.BAD_INPUT) {
            LOG.error(e.getMessage());
        } else {
            LOG.error("internal error: {} (run with --verbose for details)", e.toString());
        }
        LOG.debug("stack trace", e);
        return code;
    }

    private static int exitCode(Throwable e) {
        return e instanceof BadMidiFileException || e instanceof BadInputException || e instanceof DatasetException
                || e instanceof CorruptWeightsException || e instanceof FileSystemException ? Continuo.BAD_INPUT
                : Continuo.INTERNAL_ERROR;
    }
}
