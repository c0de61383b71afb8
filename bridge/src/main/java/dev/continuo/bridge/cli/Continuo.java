package dev.continuo.bridge.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code continuo} command line: entry point, global options and exit codes. */
@Command(name = "continuo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Machine-generated accompaniment for your DAW.",
        subcommands = {DemoCommand.class, GenerateCommand.class, EvaluateCommand.class, TrainCommand.class,
            PresetsCommand.class, BenchCommand.class, ServeCommand.class, CtlCommand.class, ServiceCommand.class,
            PluginCommand.class, PortsCommand.class, StudioCommand.class, LearnChordsCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error", "2:bad input (unreadable or malformed file, bad option)"})
public final class Continuo implements Runnable {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure that is Continuo's fault. */
    public static final int INTERNAL_ERROR = 1;
    /** Exit code for input Continuo cannot use: a malformed file, a wrong option. */
    public static final int BAD_INPUT = 2;

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
        return new CommandLine(new Continuo())
                .setExecutionExceptionHandler(new ErrorReporter())
                .execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
