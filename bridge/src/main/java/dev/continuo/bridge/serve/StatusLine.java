package dev.continuo.bridge.serve;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A live status line on the terminal, redrawn four times a second. */
final class StatusLine implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "continuo-status");
        thread.setDaemon(true);
        return thread;
    });

    private StatusLine() {
    }

    static StatusLine start(Supplier<String> text) {
        StatusLine line = new StatusLine();
        line.timer.scheduleAtFixedRate(() -> {
            System.out.print("\r\033[K" + text.get());
            System.out.flush();
        }, 250, 250, TimeUnit.MILLISECONDS);
        return line;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        System.out.print("\r\033[K");
        System.out.flush();
    }
}
