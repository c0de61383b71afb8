package dev.continuo.tests;

import dev.continuo.bridge.serve.ControlClient;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Hostile clients of the daemon's control socket: connections that never send, a command line of megabytes and
 * lines of random bytes. Each returns what a well-behaved client got meanwhile or what the hostile one was told, so
 * the caller can check that the daemon kept answering.
 */
final class ControlAbuse {

    private static final long DEADLINE_MILLIS = 15_000;

    private final Path socket;

    ControlAbuse(Path socket) {
        this.socket = socket;
    }

    /**
     * Opens {@code count} connections that send nothing (more than the daemon answers at once), asks for
     * {@code status} while they are open, then closes them.
     *
     * @return whether {@code status} was answered in the 10 s a {@code ctl} call waits
     */
    boolean statusAnsweredBesideSilentClients(int count) throws IOException {
        List<SocketChannel> silent = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                silent.add(open());
            }
            return ControlClient.send(socket, "status", 10_000).path("ok").asBoolean();
        } catch (IOException e) {
            return false;
        } finally {
            for (SocketChannel channel : silent) {
                channel.close();
            }
        }
    }

    /** Sends {@code bytes} bytes of one line without its end; returns the reply, or "" if the daemon hung up. */
    String hugeLine(int bytes) throws IOException, InterruptedException {
        byte[] line = new byte[bytes];
        Arrays.fill(line, (byte) 'x');
        return exchange(line);
    }

    /** Sends a line of random bytes (up to 4 KiB, ending in a newline); returns the reply, or "". */
    String garbageLine(Random random) throws IOException, InterruptedException {
        byte[] line = new byte[1 + random.nextInt(4096)];
        random.nextBytes(line);
        line[line.length - 1] = '\n';
        return exchange(line);
    }

    /** Writes what the daemon takes of {@code request} and reads its reply until it closes, within a deadline. */
    private String exchange(byte[] request) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        try (SocketChannel channel = open()) {
            channel.configureBlocking(false);
            ByteBuffer out = ByteBuffer.wrap(request);
            try {
                while (out.hasRemaining() && System.nanoTime() < deadline) {
                    if (channel.write(out) == 0) {
                        Thread.sleep(2);
                    }
                }
            } catch (IOException e) {
                // The daemon hung up on the rest of the line; its reply may still be waiting to be read.
            }
            StringBuilder reply = new StringBuilder();
            ByteBuffer in = ByteBuffer.allocate(4096);
            while (System.nanoTime() < deadline) {
                int read;
                try {
                    read = channel.read(in);
                } catch (IOException e) {
                    break;
                }
                if (read < 0) {
                    break;
                }
                if (read == 0) {
                    Thread.sleep(2);
                    continue;
                }
                reply.append(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
                in.clear();
            }
            return reply.toString();
        }
    }

    private SocketChannel open() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }
}
