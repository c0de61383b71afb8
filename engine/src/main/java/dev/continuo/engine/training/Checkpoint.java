package dev.continuo.engine.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.engine.files.AtomicFiles;
import dev.continuo.engine.files.BoundedFiles;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.model.WeightsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training checkpoint: every weight and optimizer moment in {@code checkpoint.bin}, the progress in
 * {@code checkpoint.json}. Each file is replaced atomically, the JSON last, so a checkpoint is whole or absent.
 *
 * @param iteration generator updates done
 * @param seconds   training time so far
 */
public record Checkpoint(int iteration, double seconds) {

    public static final String STATE = "checkpoint.bin";
    public static final String PROGRESS = "checkpoint.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the arrays and this progress record into the directory. */
    public void write(Path directory, Map<String, INDArray> arrays) throws IOException {
        Files.createDirectories(directory);
        WeightsFile.write(arrays, directory.resolve(STATE));
        AtomicFiles.write(directory.resolve(PROGRESS), JSON.writeValueAsBytes(this));
    }

    /** True if the directory holds a checkpoint. */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(PROGRESS)) && Files.isRegularFile(directory.resolve(STATE));
    }

    private static final long MAX_PROGRESS_BYTES = 1 << 20;

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
        return checkpoint;
    }

    /** Reads the arrays. */
    public static Map<String, INDArray> readState(Path directory) throws IOException, CorruptWeightsException {
        return WeightsFile.read(directory.resolve(STATE));
    }
}
