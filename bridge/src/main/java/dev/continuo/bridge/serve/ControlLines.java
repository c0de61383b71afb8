package dev.continuo.bridge.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounded, time-limited reads and writes on the control socket, for both ends: a peer that sends too much is cut
 * off at a limit, and one that stalls is disconnected when its deadline passes (closing the channel ends a blocked
 * read or write), so no client or daemon can hang the other.
 */
final class ControlLines {

    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "continuo-control-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /** More bytes than the limit arrived before the end of the line (or of the stream). */
    static final class TooLongException extends IOException {
        TooLongException(int limit) {
            super("longer than " + limit + " bytes");
        }
    }

    private ControlLines() {
    }

    /** Closes {@code channel} after {@code millis} unless the returned deadline is cancelled first. */
    static ScheduledFuture<?> deadline(SocketChannel channel, long millis) {
        return DEADLINES.schedule(() -> {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing is all that is asked; a failure to close leaves nothing to do.
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads up to a newline or the end of the stream, whichever comes first.
     *
     * @throws TooLongException if more than {@code limit} bytes come first
     */
    static String read(SocketChannel channel, int limit, boolean toEndOfStream) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte next = buffer.get();
                if (next == '\n' && !toEndOfStream) {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() == limit) {
                    throw new TooLongException(limit);
                }
                line.write(next);
            }
            buffer.clear();
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Reads and drops what the peer still sends, up to its end or {@code limit} bytes. */
    static void discard(SocketChannel channel, int limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int dropped = 0;
        int read;
        while (dropped < limit && (read = channel.read(buffer)) >= 0) {
            dropped += read;
            buffer.clear();
        }
    }

    /** Writes all of {@code text}. */
    static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
