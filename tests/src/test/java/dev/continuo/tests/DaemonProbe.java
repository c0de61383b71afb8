package dev.continuo.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks into a running daemon's JVM from outside: its resident memory ({@code /proc}), its heap after a full
 * collection and its threads ({@code jcmd}, from the JDK that runs the tests).
 */
final class DaemonProbe {

    private static final Pattern HEAP_USED = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern THREAD = Pattern.compile("^\"([^\"]+)\"", Pattern.MULTILINE);

    private final long pid;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    DaemonProbe(long pid) {
        this.pid = pid;
    }

    /** Resident set size in KiB. */
    long residentKib() throws IOException {
        Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
        if (!matcher.find()) {
            throw new IOException("no VmRSS for process " + pid);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Heap in use right after a full collection, in KiB (the daemon runs G1, the JDK's default). */
    long heapAfterGcKib() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher matcher = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!matcher.find()) {
            throw new IOException("jcmd GC.heap_info gave no G1 heap line");
        }
        return Long.parseLong(matcher.group(1));
    }

    /** The names of the daemon's live threads. */
    List<String> threadNames() throws IOException, InterruptedException {
        return THREAD.matcher(jcmd("Thread.print")).results().map(result -> result.group(1)).toList();
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command)
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: "
                    + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
