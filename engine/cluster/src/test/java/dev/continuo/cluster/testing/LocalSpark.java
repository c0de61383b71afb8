package dev.continuo.cluster.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A Spark context in the test JVM ({@code local[N]}), bound to loopback, without its web UI. */
public final class LocalSpark {

    private LocalSpark() {
    }

    /** A context with {@code threads} executor threads. */
    public static JavaSparkContext start(int threads) {
        return new JavaSparkContext(new SparkConf().setMaster("local[" + threads + "]").setAppName("continuo-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }
}
