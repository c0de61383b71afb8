package dev.continuo.cluster.cli;

import dev.continuo.engine.data.DatasetException;
import java.nio.file.FileSystemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns a command's exception into one line on standard error and an exit code: {@link ContinuoCluster#BAD_INPUT}
 * for input the user can fix, {@link ContinuoCluster#FAILED} for everything else. Stack traces go to the DEBUG log.
 */
final class ClusterErrors implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterErrors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        boolean badInput = e instanceof DatasetException || e instanceof IllegalArgumentException
                || e instanceof FileSystemException;
        if (badInput) {
            LOG.error(e.getMessage());
        } else {
            LOG.error("internal error: {} (run with --verbose for details)", e.toString());
        }
        LOG.debug("stack trace", e);
        return badInput ? ContinuoCluster.BAD_INPUT : ContinuoCluster.FAILED;
    }
}
