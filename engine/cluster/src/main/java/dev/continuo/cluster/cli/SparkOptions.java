package dev.continuo.cluster.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Option;

/** Where a command runs: the Spark master and any Spark settings. */
final class SparkOptions {

    @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
            description = "Spark master: local[N] (N threads here; local[N,F] retries a task F times), "
                    + "spark://HOST:7077 (standalone), yarn, k8s://https://HOST:443 (default ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, e.g. spark.executor.memory=4g (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    /** A Spark context for this command; the caller stops it. */
    JavaSparkContext start(String appName) {
        SparkConf sparkConf = new SparkConf().setMaster(master).setAppName(appName)
                .set("spark.task.maxFailures", "4");
        conf.forEach(sparkConf::set);
        return new JavaSparkContext(sparkConf);
    }
}
