package dev.continuo.cluster.cli;

import dev.continuo.cluster.sweep.RunPlan;
import dev.continuo.cluster.sweep.RunResult;
import dev.continuo.cluster.sweep.Sweep;
import dev.continuo.cluster.sweep.SweepChart;
import dev.continuo.cluster.sweep.SweepData;
import dev.continuo.cluster.sweep.SweepGrid;
import dev.continuo.cluster.sweep.SweepTable;
import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.files.AtomicFiles;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code continuo sweep}: one training run per hyperparameter setting, as Spark tasks; the best becomes the preset. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train one preset per combination of the --grid values, each run a Spark task; write "
            + "OUTPUT/sweep.csv and sweep.png, and make the run with the best held-out chord agreement the "
            + "preset in OUTPUT."})
final class SweepCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SweepCommand.class);

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "As for train: Jsb16thSeparated.json, a MIDI folder, or a corpus made by prepare.")
    private Path data;

    @Option(names = "--grid", required = true, paramLabel = "KEY=V1,V2",
            description = "A hyperparameter and the values to try (repeatable): lr, beta1, beta2, batch, "
                    + "update-ratio, gp-weight, reconstruction-weight, seed; the others keep train's defaults.")
    private List<String> grid;

    @Option(names = "--preset", required = true, paramLabel = "NAME", description = "Name of the preset to make.")
    private String name;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Where the best run's preset and sweep.csv go (e.g. ~/.local/share/continuo/presets/NAME "
                    + "to use it at once).")
    private Path output;

    @Option(names = "--arch", defaultValue = "compact", description = "compact (default) or deepcomposer.")
    private String architecture;

    @Option(names = "--window", defaultValue = "0", paramLabel = "STEPS",
            description = "Training window in sixteenths (a multiple of 16; default: the architecture's).")
    private int window;

    @Option(names = "--no-key-normalize", description = "Train on random keys instead of C major / A minor.")
    private boolean noKeyNormalize;

    @Option(names = "--tempo-share", defaultValue = "0.3", paramLabel = "S",
            description = "Share of windows at half or double speed (default ${DEFAULT-VALUE}).")
    private double tempoShare;

    @Option(names = "--iterations", defaultValue = "3000", description = "Generator updates per run (default "
            + "${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--checkpoint-every", defaultValue = "100", paramLabel = "N",
            description = "Iterations between sample measurements within a run (default ${DEFAULT-VALUE}).")
    private int checkpointEvery;

    @Mixin
    private SparkOptions spark;

    @Override
    public Integer call() throws DatasetException, IOException, InterruptedException {
        if (!PresetManifest.isValidName(name)) {
            throw new IllegalArgumentException("preset name must be 1-40 lower-case letters, digits or dashes: "
                    + name);
        }
        SweepGrid sweepGrid = new SweepGrid(grid.stream().map(SweepGrid::axis).toList());
        RunPlan plan = new RunPlan(name, architecture, window, !noKeyNormalize, tempoShare, iterations,
                checkpointEvery);
        TrainingData dataset = TrainingData.load(data);
        var settings = sweepGrid.settings();
        LOG.info("Sweeping {} settings of {} on {} ({} pieces held out) on {}", settings.size(),
                String.join(", ", sweepGrid.axes().stream().map(SweepGrid.Axis::key).toList()),
                dataset.description(), dataset.heldOut().size(), spark.master);
        Sweep.Outcome outcome;
        try (JavaSparkContext context = spark.start("continuo sweep " + name)) {
            outcome = new Sweep(context).run(SweepData.of(dataset, Files.isDirectory(data)), plan, settings);
        }
        Optional<RunResult> best = outcome.best();
        SweepTable table = new SweepTable(sweepGrid.axes().stream().map(SweepGrid.Axis::key).toList(),
                outcome.results(),
                best.map(RunResult::run).orElse(-1));
        Files.createDirectories(output);
        table.writeCsv(output.resolve("sweep.csv"));
        SweepChart.write(outcome.results(), output.resolve("sweep.png"));
        System.out.print(table.render());
        if (best.isEmpty()) {
            LOG.error("No run of the sweep finished; the reasons are in {}", output.resolve("sweep.csv"));
            return ContinuoCluster.FAILED;
        }
        AtomicFiles.write(output.resolve(Preset.WEIGHTS), best.get().weights());
        AtomicFiles.write(output.resolve(Preset.MANIFEST), best.get().manifest());
        LOG.info("Wrote preset \"{}\" (run {}, {}) to {}", name, best.get().run(), best.get().setting(), output);
        return ContinuoCluster.OK;
    }
}
