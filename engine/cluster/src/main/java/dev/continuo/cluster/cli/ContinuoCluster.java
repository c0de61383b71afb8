package dev.continuo.cluster.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cluster side of the {@code continuo} command line ({@code prepare}, {@code sweep}), in its own jar so that
 * the desktop package never carries Spark; the {@code ./continuo} launcher routes these commands here.
 */
@Command(name = "continuo", mixinStandardHelpOptions = true,
        description = "Continuo on a Spark cluster: corpus preparation and hyperparameter sweeps.",
        subcommands = {PrepareCommand.class, SweepCommand.class, ParallelTrainCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error, or no run of a sweep finished",
            "2:bad input (unreadable data, bad option)"})
public final class ContinuoCluster implements Runnable {

    /** Exit code for success. */
    static final int OK = 0;
    /** Exit code for a failure that is Continuo's fault, or a sweep of which no run finished. */
    static final int FAILED = 1;
    /** Exit code for input Continuo cannot use. */
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Log internals (DEBUG) to standard error.",
            scope = CommandLine.ScopeType.INHERIT)
    void setVerbose(boolean verbose) {
        if (verbose) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        return new CommandLine(new ContinuoCluster()).setExecutionExceptionHandler(new ClusterErrors())
                .execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
