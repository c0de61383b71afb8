package dev.continuo.bridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuo.bridge.backend.coremidi.UniqueIds;
import dev.continuo.engine.files.AtomicFiles;
import dev.continuo.engine.files.BoundedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoreMIDI unique IDs kept under {@code coreMidiUniqueIds} in {@code config.json}. Saving one rewrites the file with
 * every other key kept as it was (atomically, and said in the log); a file that does not parse is never touched.
 */
public final class ConfigUniqueIds implements UniqueIds {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigUniqueIds.class);
    static final String KEY = "coreMidiUniqueIds";

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ConfigUniqueIds(Path file) {
        this.file = file;
    }

    @Override
    public OptionalInt get(String endpointName) {
        try {
            JsonNode id = read().path(KEY).path(endpointName);
            return id.isInt() ? OptionalInt.of(id.intValue()) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public void put(String endpointName, int uniqueId) {
        try {
            ObjectNode config = read();
            JsonNode ids = config.get(KEY);
            ObjectNode updated = ids instanceof ObjectNode existing ? existing : config.putObject(KEY);
            if (updated.path(endpointName).isInt() && updated.get(endpointName).intValue() == uniqueId) {
                return;
            }
            updated.put(endpointName, uniqueId);
            AtomicFiles.write(file, (json.writeValueAsString(config) + "\n").getBytes(StandardCharsets.UTF_8));
            LOG.info("Saved the CoreMIDI ID of \"{}\" in {}, so that DAWs keep their routing", endpointName, file);
        } catch (IOException e) {
            LOG.warn("Could not save the CoreMIDI ID of \"{}\" in {}: {}", endpointName, file, e.getMessage());
        }
    }

    private ObjectNode read() throws IOException {
        if (!Files.exists(file)) {
            return json.createObjectNode();
        }
        JsonNode root = json.readTree(BoundedFiles.read(file, ConfigFile.MAX_BYTES));
        if (!(root instanceof ObjectNode object)) {
            throw new IOException(file + " does not hold a JSON object");
        }
        return object;
    }
}
