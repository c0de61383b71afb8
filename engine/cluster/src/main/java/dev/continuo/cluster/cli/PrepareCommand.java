package dev.continuo.cluster.cli;

import dev.continuo.cluster.prepare.CorpusPreparation;
import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.ShardedCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code continuo prepare}: a MIDI corpus to shards that {@code train} and {@code sweep} read. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Prepare a MIDI corpus on Spark: choose melodies and parts, split chord tracks and hold out "
            + "every tenth file as train does, and write shards that train --data and sweep --data read."})
final class PrepareCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PrepareCommand.class);
    private static final int SKIPS_SHOWN = 10;

    @Option(names = "--input", required = true, paramLabel = "URI",
            description = "A folder of MIDI files, searched recursively: a path, hdfs://… or s3a://….")
    private String input;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "The prepared corpus: a local folder that does not exist yet or is empty.")
    private Path output;

    @Option(names = "--shards", defaultValue = "16", paramLabel = "N",
            description = "Shards to write, which is also the job's parallelism (default ${DEFAULT-VALUE}).")
    private int shards;

    @Mixin
    private SparkOptions spark;

    @Override
    public Integer call() throws DatasetException, IOException {
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1");
        }
        CorpusPreparation.Report report;
        try (JavaSparkContext context = spark.start("continuo prepare")) {
            LOG.info("Preparing {} on {}", input, spark.master);
            report = new CorpusPreparation(context).prepare(input, output, shards);
        }
        report.skipped().stream().limit(SKIPS_SHOWN).forEach(s -> LOG.warn("Skipped {}: {}", s.file(),
                s.reason()));
        if (report.skipped().size() > SKIPS_SHOWN) {
            LOG.warn("… and {} more skipped files, all listed in {}", report.skipped().size() - SKIPS_SHOWN,
                    output.resolve(ShardedCorpus.MANIFEST));
        }
        LOG.info("Wrote {} examples ({} held out) in {} shards to {}; {} files skipped", report.examples(),
                report.heldOut(), report.shards(), output, report.skipped().size());
        return ContinuoCluster.OK;
    }
}
