package dev.continuo.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@code continuo studio} in its own JVM, with its user folders inside the test's directory. */
final class StudioProcess implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]+)");

    private final Process process;
    private final Path err;
    private final String url;
    private final int port;
    private final String token;

    private StudioProcess(Process process, Path err, Matcher url) {
        this.process = process;
        this.err = err;
        this.url = url.group();
        this.port = Integer.parseInt(url.group(1));
        this.token = url.group(2);
    }

    /** Starts the studio on a free port and waits for the URL it prints. */
    static StudioProcess start(Path directory, String... options) throws Exception {
        Path out = directory.resolve("studio.out");
        Path err = directory.resolve("studio.err");
        String[] args = new String[options.length + 1];
        args[0] = "studio";
        System.arraycopy(options, 0, args, 1, options.length);
        Map<String, String> environment = Map.of("XDG_DATA_HOME", directory.resolve("data").toString(),
                "XDG_CONFIG_HOME", directory.resolve("config").toString());
        Process process = ContinuoProcess.start(directory, ContinuoProcess.MODEL_HEAP, environment, out, err, args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher matcher = URL.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return new StudioProcess(process, err, matcher);
            }
            if (!process.isAlive()) {
                throw new AssertionError("continuo studio exited with " + process.exitValue() + ":\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("continuo studio printed no URL in 60 s:\n" + Files.readString(err));
    }

    /** The printed URL, token included. */
    String url() {
        return url;
    }

    int port() {
        return port;
    }

    String token() {
        return token;
    }

    /** A page of this studio, without the token. */
    String base() {
        return "http://127.0.0.1:" + port;
    }

    String log() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
