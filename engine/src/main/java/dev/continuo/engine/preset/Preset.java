package dev.continuo.engine.preset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.continuo.engine.files.AtomicFiles;
import dev.continuo.engine.files.BoundedFiles;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.model.WeightsFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A genre preset: its manifest ({@code preset.json}) and its trained generator ({@code weights.bin}), from a directory
 * or from the class path. Loading checks the weights against the manifest's architecture and says clearly what is
 * wrong with a damaged or mismatched preset.
 */
public record Preset(PresetManifest manifest, ModelWeights weights) {

    public static final String MANIFEST = "preset.json";
    public static final String WEIGHTS = "weights.bin";
    /** The largest preset.json read. */
    static final long MAX_MANIFEST_BYTES = 1 << 20;

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Loads a preset from a directory holding preset.json and weights.bin. */
    public static Preset load(Path directory) throws CorruptWeightsException {
        Path manifestFile = directory.resolve(MANIFEST);
        Path weightsFile = directory.resolve(WEIGHTS);
        try {
            return fromBytes(BoundedFiles.read(manifestFile, MAX_MANIFEST_BYTES), manifestFile.toString(),
                    BoundedFiles.read(weightsFile, WeightsFile.MAX_BYTES), weightsFile.toString());
        } catch (IOException e) {
            throw new CorruptWeightsException(directory + ": cannot read the preset (" + e.getMessage() + ")", e);
        }
    }

    /** Loads a preset packaged as class-path resources under {@code resourceDirectory} (ending in "/"). */
    public static Preset loadResource(String resourceDirectory) throws CorruptWeightsException {
        try (InputStream manifest = Preset.class.getResourceAsStream(resourceDirectory + MANIFEST);
                InputStream weights = Preset.class.getResourceAsStream(resourceDirectory + WEIGHTS)) {
            if (manifest == null || weights == null) {
                throw new CorruptWeightsException(resourceDirectory + ": the bundled preset is incomplete");
            }
            return fromBytes(manifest.readAllBytes(), resourceDirectory + MANIFEST, weights.readAllBytes(),
                    resourceDirectory + WEIGHTS);
        } catch (IOException e) {
            throw new CorruptWeightsException(resourceDirectory + ": cannot read the bundled preset", e);
        }
    }

    static Preset fromBytes(byte[] manifestBytes, String manifestSource, byte[] weightsBytes, String weightsSource)
            throws CorruptWeightsException {
        PresetManifest manifest = readManifest(manifestBytes, manifestSource);
        try {
            return new Preset(manifest, ModelWeights.generatorOf(manifest.architecture(),
                    WeightsFile.read(weightsBytes, weightsSource)));
        } catch (IllegalArgumentException e) {
            throw new CorruptWeightsException(weightsSource + ": does not fit the architecture in " + manifestSource
                    + ": " + e.getMessage(), e);
        }
    }

    static PresetManifest readManifest(byte[] bytes, String source) throws CorruptWeightsException {
        try {
            PresetManifest manifest = JSON.readValue(bytes, PresetManifest.class);
            if (manifest == null) {
                throw new CorruptWeightsException(source + ": not a valid preset manifest (it is null)");
            }
            return manifest;
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage().lines().findFirst()
                    .orElse("");
            throw new CorruptWeightsException(source + ": not a valid preset manifest (" + message + ")", e);
        }
    }

    /** Writes preset.json and weights.bin into a directory, each atomically. */
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        WeightsFile.write(weights.generatorArrays(), directory.resolve(WEIGHTS));
        AtomicFiles.write(directory.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
    }
}
