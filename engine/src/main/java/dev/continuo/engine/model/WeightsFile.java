package dev.continuo.engine.model;

import dev.continuo.engine.files.AtomicFiles;
import dev.continuo.engine.files.BoundedFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named float32 arrays in a small, self-checking binary file (no Java serialization).
 *
 * <p>Layout, big-endian: magic {@code "CNTW"}, format version (int), array count (int); per array its name (UTF-8,
 * unsigned short length), rank (byte), dimensions (long each) and values (float32); then a CRC-32 of everything
 * before it (long). Reading checks the magic, version, every length against the file size, and the checksum, and
 * says which failed. Files are written atomically.
 */
public final class WeightsFile {

    private static final int MAGIC = 0x434E5457;
    private static final int VERSION = 1;
    private static final int MAX_RANK = 8;
    /** The largest weights file read (the largest architecture's generator and critic take a fifth of it). */
    public static final long MAX_BYTES = 256L << 20;

    private WeightsFile() {
    }

    /** Writes the arrays (converted to float32) to a file, replacing it atomically. */
    public static void write(Map<String, INDArray> arrays, Path file) throws IOException {
        AtomicFiles.write(file, encode(arrays));
    }

    /** The bytes of a weights file holding the arrays (converted to float32). */
    public static byte[] encode(Map<String, INDArray> arrays) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
                byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeShort(name.length);
                out.write(name);
                INDArray array = entry.getValue();
                out.writeByte(array.rank());
                for (long dim : array.shape()) {
                    out.writeLong(dim);
                }
                for (float value : array.castTo(DataType.FLOAT).dup('c').data().asFloat()) {
                    out.writeFloat(value);
                }
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        }
        return bytes.toByteArray();
    }

    /** Reads a file written by {@link #write}. */
    public static Map<String, INDArray> read(Path file) throws IOException, CorruptWeightsException {
        return read(BoundedFiles.read(file, MAX_BYTES), file.toString());
    }

    /** Reads the bytes of a weights file; {@code source} names it in messages. */
    public static Map<String, INDArray> read(byte[] data, String source) throws CorruptWeightsException {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        if (data.length < 20 || buffer.getInt() != MAGIC) {
            throw new CorruptWeightsException(source + ": not a Continuo weights file");
        }
        int version = buffer.getInt();
        if (version != VERSION) {
            throw new CorruptWeightsException(source + ": weights format version " + version + ", this Continuo reads "
                    + VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        if (ByteBuffer.wrap(data, data.length - 8, 8).getLong() != crc.getValue()) {
            throw new CorruptWeightsException(source + ": checksum mismatch (the file is damaged or truncated)");
        }
        int count = buffer.getInt();
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[buffer.getShort() & 0xFFFF];
                buffer.get(name);
                int rank = buffer.get();
                if (rank < 0 || rank > MAX_RANK) {
                    throw new CorruptWeightsException(source + ": array " + i + " has rank " + rank);
                }
                long[] shape = new long[rank];
                long length = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = buffer.getLong();
                    if (shape[d] < 0 || shape[d] > Integer.MAX_VALUE) {
                        throw new CorruptWeightsException(source + ": array " + i + " has dimension " + shape[d]);
                    }
                    length = shape[d] == 0 || length <= buffer.remaining() / shape[d] ? length * shape[d]
                            : Long.MAX_VALUE;
                }
                if (length > buffer.remaining() / Float.BYTES) {
                    throw new CorruptWeightsException(source + ": array " + i + " runs past the end of the file");
                }
                float[] values = new float[(int) length];
                buffer.asFloatBuffer().get(values);
                buffer.position(buffer.position() + values.length * Float.BYTES);
                arrays.put(new String(name, StandardCharsets.UTF_8), Nd4j.create(values, shape, 'c'));
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new CorruptWeightsException(source + ": truncated array table");
        }
        return arrays;
    }
}
