package dev.continuo.engine.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.engine.files.AtomicFiles;
import dev.continuo.engine.files.BoundedFiles;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.model.WeightsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training checkpoint, one atomic unit: every weight and optimizer moment in a state file named by its iteration
 * ({@code checkpoint-000100.bin}), and the progress in {@code checkpoint.json}, which names that file and its
 * SHA-256. The state file is written first, the record replaced atomically after it, older state files removed
 * last, so a run killed at any moment leaves the previous checkpoint or the new one, never new weights paired with
 * an old iteration. A record without {@code state} is the earlier layout, beside {@code checkpoint.bin}.
 *
 * @param iteration   generator updates done
 * @param seconds     training time so far
 * @param state       the state file's name, beside the record; null in the earlier layout
 * @param stateSha256 the state file's SHA-256 in hex; null in the earlier layout
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Checkpoint(int iteration, double seconds, String state, String stateSha256) {

    public static final String PROGRESS = "checkpoint.json";
    /** The state file of the earlier layout. */
    static final String LEGACY_STATE = "checkpoint.bin";
    private static final Pattern STATE_NAME = Pattern.compile("checkpoint-\\d{6,10}\\.bin");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final long MAX_PROGRESS_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The progress of a checkpoint about to be written. */
    public Checkpoint(int iteration, double seconds) {
        this(iteration, seconds, null, null);
    }

    /** Writes the arrays and this progress record into the directory, as one unit (see the class comment). */
    public void write(Path directory, Map<String, INDArray> arrays) throws IOException {
        Files.createDirectories(directory);
        byte[] bytes = WeightsFile.encode(arrays);
        String name = String.format(Locale.ROOT, "checkpoint-%06d.bin", iteration);
        AtomicFiles.write(directory.resolve(name), bytes);
        AtomicFiles.write(directory.resolve(PROGRESS), JSON.writeValueAsBytes(new Checkpoint(iteration, seconds,
                name, sha256(bytes))));
        for (Path file : stateFiles(directory)) {
            if (!file.getFileName().toString().equals(name)) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** True if the directory holds a checkpoint record. */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(PROGRESS));
    }

    /** Removes the checkpoint (its record first, so what is left is never a checkpoint). */
    public static void delete(Path directory) throws IOException {
        Files.deleteIfExists(directory.resolve(PROGRESS));
        for (Path file : stateFiles(directory)) {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Reads the progress record.
     *
     * @throws CorruptWeightsException in one line if it is not a progress record, or its figures cannot be
     */
    public static Checkpoint read(Path directory) throws IOException, CorruptWeightsException {
        Path file = directory.resolve(PROGRESS);
        Checkpoint checkpoint;
        try {
            checkpoint = JSON.readValue(BoundedFiles.read(file, MAX_PROGRESS_BYTES), Checkpoint.class);
        } catch (JsonProcessingException e) {
            throw new CorruptWeightsException(file + ": not a checkpoint record ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (checkpoint == null || checkpoint.iteration() < 0 || !(checkpoint.seconds() >= 0)
                || Double.isInfinite(checkpoint.seconds())) {
            throw new CorruptWeightsException(file + ": not a checkpoint record (iteration " + (checkpoint == null
                    ? "missing" : checkpoint.iteration() + ", seconds " + checkpoint.seconds()) + ")");
        }
        if (checkpoint.state() != null && (!STATE_NAME.matcher(checkpoint.state()).matches()
                || checkpoint.stateSha256() == null || !SHA256.matcher(checkpoint.stateSha256()).matches())) {
            throw new CorruptWeightsException(file + ": not a checkpoint record (its state file is not named as"
                    + " Continuo names them, or has no SHA-256)");
        }
        return checkpoint;
    }

    /**
     * Reads the arrays of the checkpoint in the directory.
     *
     * @throws CorruptWeightsException in one line if the state file is missing, damaged, or not the one its record
     *                                 names
     */
    public static Map<String, INDArray> readState(Path directory) throws IOException, CorruptWeightsException {
        Checkpoint checkpoint = read(directory);
        Path file = directory.resolve(checkpoint.state() != null ? checkpoint.state() : LEGACY_STATE);
        if (!Files.isRegularFile(file)) {
            throw new CorruptWeightsException(file + ": missing; the checkpoint record names it");
        }
        byte[] bytes = BoundedFiles.read(file, WeightsFile.MAX_BYTES);
        if (checkpoint.stateSha256() != null && !checkpoint.stateSha256().equals(sha256(bytes))) {
            throw new CorruptWeightsException(file + ": not the state its checkpoint record names (SHA-256"
                    + " differs)");
        }
        return WeightsFile.read(bytes, file.toString());
    }

    private static List<Path> stateFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return STATE_NAME.matcher(name).matches() || name.equals(LEGACY_STATE);
            }).toList();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
