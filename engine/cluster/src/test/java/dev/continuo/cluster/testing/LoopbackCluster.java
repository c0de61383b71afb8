package dev.continuo.cluster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A real Spark standalone cluster on loopback: a master and workers started from the Spark jars on the test class
 * path, each in its own JVM, on free ports of 127.0.0.1, each worker offering one core. The workers start their
 * executors (more JVMs) on the same class path. Spark's launcher wants a Spark home with a {@code jars} folder; the
 * class path already holds every jar, so the home made here has an empty one.
 */
public final class LoopbackCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final int masterPort = freePort();
    private final int masterUiPort = freePort();
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final List<Integer> workerUiPorts = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private LoopbackCluster(Path directory, int workerCount) throws IOException, InterruptedException {
        this.directory = directory;
        Files.createDirectories(directory.resolve("spark-home").resolve("jars"));
        master = launch("master", "org.apache.spark.deploy.master.Master", "--host", HOST, "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort));
        for (int i = 0; i < workerCount; i++) {
            workerUiPorts.add(freePort());
            workers.add(launch("worker" + i, "org.apache.spark.deploy.worker.Worker", "--host", HOST,
                    "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(workerUiPorts.get(i)),
                    "--cores", "1", "--memory", "2g", "--work-dir", directory.resolve("work" + i).toString(),
                    masterUrl()));
        }
        awaitAliveWorkers(workerCount);
    }

    /** Starts a master and {@code workers} workers; their logs go to {@code directory}. */
    public static LoopbackCluster start(Path directory, int workers) throws IOException, InterruptedException {
        return new LoopbackCluster(directory, workers);
    }

    public String masterUrl() {
        return "spark://" + HOST + ":" + masterPort;
    }

    /**
     * A driver in this JVM for an application on the cluster: one executor of one core (1 GB) per worker, on this
     * JVM's class path, with ND4J's native cache and one OpenMP thread as in the other tests.
     */
    public JavaSparkContext connect(String appName) {
        String javacpp = Optional.ofNullable(System.getProperty("org.bytedeco.javacpp.cachedir")).map(dir ->
                " -Dorg.bytedeco.javacpp.cachedir=" + dir).orElse("");
        return new JavaSparkContext(new SparkConf().setMaster(masterUrl()).setAppName(appName)
                .set("spark.driver.host", HOST).set("spark.driver.bindAddress", HOST)
                .set("spark.ui.enabled", "false")
                .set("spark.executor.cores", "1").set("spark.executor.memory", "1g")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxbytes=1g"
                        + " -Dorg.bytedeco.javacpp.maxphysicalbytes=3g" + javacpp)
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.task.maxFailures", "4"));
    }

    /**
     * Kills a worker at once, with the executors it started, as a machine that dies would.
     *
     * @param executorId the Spark executor whose worker to kill
     * @return true if a worker ran that executor (as its status page says)
     */
    public boolean killWorkerOf(String executorId) throws IOException, InterruptedException {
        for (int i = 0; i < workers.size(); i++) {
            JsonNode state = status(workerUiPorts.get(i));
            for (JsonNode executor : state.path("executors")) {
                if (executor.path("id").asText().equals(executorId)) {
                    Process worker = workers.get(i);
                    worker.descendants().forEach(ProcessHandle::destroyForcibly);
                    worker.destroyForcibly();
                    worker.waitFor(30, TimeUnit.SECONDS);
                    return true;
                }
            }
        }
        return false;
    }

    /** A master's or worker's state, from the JSON of its web UI. */
    private JsonNode status(int uiPort) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + uiPort
                + "/json/")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private Process launch(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m"));
        command.addAll(Arrays.asList(System.getProperty("spark.javaOptions", "").split(" ")));
        command.removeIf(String::isBlank);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", directory.resolve("spark-home").toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        return builder.start();
    }

    private void awaitAliveWorkers(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process process : processes()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a Spark process exited at start-up; logs in " + directory);
                }
            }
            try {
                if (status(masterUiPort).path("aliveworkers").asInt() >= count) {
                    return;
                }
            } catch (IOException e) {
                // The master's web UI is not up yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("fewer than " + count + " workers registered within " + START_TIMEOUT
                + "; logs in " + directory);
    }

    private List<Process> processes() {
        List<Process> all = new ArrayList<>(workers);
        all.add(master);
        return all;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
    }

    /** Stops every process (executors first), waiting for each. */
    @Override
    public void close() throws InterruptedException {
        for (Process process : processes()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
