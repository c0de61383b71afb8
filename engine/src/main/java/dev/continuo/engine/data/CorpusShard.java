package dev.continuo.engine.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One shard of a prepared corpus: the magic {@code CONTSHRD}, a format version, the number of entries, then per
 * entry whether it is held out and the length-prefixed bytes of {@link ExampleCodec}. Written by
 * {@code continuo prepare} (engine/cluster), read by {@link ShardedCorpus}.
 */
public final class CorpusShard {

    /** One example and whether it is held out of training. */
    public record Entry(Example example, boolean heldOut) {
    }

    private static final byte[] MAGIC = "CONTSHRD".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    /** Largest example record: a piece of the most steps with a few thousand notes per part fits many times. */
    private static final int MAX_RECORD_BYTES = 64 << 20;

    private CorpusShard() {
    }

    /** The shard's bytes: entries given as {@link ExampleCodec} bytes with their held-out flags, in order. */
    public static byte[] encode(List<byte[]> examples, List<Boolean> heldOut) {
        if (examples.size() != heldOut.size()) {
            throw new IllegalArgumentException(examples.size() + " examples but " + heldOut.size() + " flags");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(examples.size());
            for (int i = 0; i < examples.size(); i++) {
                out.writeBoolean(heldOut.get(i));
                out.writeInt(examples.get(i).length);
                out.write(examples.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a shard file.
     *
     * @param expected the number of entries the corpus manifest promises
     * @throws DatasetException in one line if it is not a shard, holds another number of entries, or an entry is
     *                          damaged
     */
    public static List<Entry> read(Path file, int expected) throws DatasetException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new DatasetException(file + ": not a Continuo corpus shard");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new DatasetException(file + ": shard format " + version + ", this Continuo reads " + VERSION);
            }
            int count = in.readInt();
            if (count != expected) {
                throw new DatasetException(file + ": holds " + count + " examples, the corpus manifest says "
                        + expected);
            }
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                boolean heldOut = in.readBoolean();
                int length = in.readInt();
                if (length < 0 || length > MAX_RECORD_BYTES) {
                    throw new DatasetException(file + ": example " + i + " claims " + length + " bytes");
                }
                byte[] record = in.readNBytes(length);
                if (record.length != length) {
                    throw new DatasetException(file + ": example " + i + " is truncated");
                }
                entries.add(new Entry(ExampleCodec.decode(record, file + " example " + i), heldOut));
            }
            if (in.read() != -1) {
                throw new DatasetException(file + ": bytes after the last of its " + count + " examples");
            }
            return entries;
        } catch (EOFException e) {
            throw new DatasetException(file + ": shard is truncated", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read shard (" + e.getMessage() + ")", e);
        }
    }
}
