package dev.continuo.bridge.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.continuo.engine.files.BoundedFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code config.json} strictly: unknown keys, wrong types and out-of-range values are errors that name the
 * file, the key and the problem. Continuo only reads this file; it never rewrites it behind the user's back.
 */
public final class ConfigFile {

    private static final Set<String> PORT_LAYOUTS = Set.of("single", "split");
    private static final Set<String> CLOCKS = Set.of("auto", "internal", "jack", "midi");

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    /** The largest configuration file read. */
    static final long MAX_BYTES = 1 << 20;

    /** The configuration in {@code file}, or {@link ContinuoConfig#empty()} if there is no such file. */
    public ContinuoConfig load(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(file, MAX_BYTES);
        } catch (NoSuchFileException e) {
            return ContinuoConfig.empty();
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        ContinuoConfig config;
        try {
            config = bytes.length == 0 ? ContinuoConfig.empty() : json.readValue(bytes, ContinuoConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": unknown key \"" + e.getPropertyName() + "\" (known: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", ")) + ")");
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": key \"" + path(e.getPath()) + "\": " + firstLine(e.getOriginalMessage())
                    + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid JSON: " + firstLine(e.getOriginalMessage())
                    + at(e.getLocation()));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (config == null) {
            throw new ConfigException(file + ": must hold a JSON object, not null");
        }
        validate(file, config);
        return config;
    }

    private static void validate(Path file, ContinuoConfig config) throws ConfigException {
        if (config.ports() != null && !PORT_LAYOUTS.contains(config.ports())) {
            throw problem(file, "ports", "must be \"single\" or \"split\", not \"" + config.ports() + "\"");
        }
        if (config.clock() != null && !CLOCKS.contains(config.clock())) {
            throw problem(file, "clock", "must be auto, internal, jack or midi, not \"" + config.clock() + "\"");
        }
        if (config.clientName() != null && ClientName.problem(config.clientName()) != null) {
            throw problem(file, "clientName", ClientName.problem(config.clientName()));
        }
        if (config.bars() != null && (config.bars() < 1 || config.bars() > 64)) {
            throw problem(file, "bars", "must be 1–64, not " + config.bars());
        }
        if (config.bpm() != null && !(config.bpm() >= 20 && config.bpm() <= 400)) {
            throw problem(file, "bpm", "must be 20–400, not " + config.bpm());
        }
        if (config.controlChannel() != null && (config.controlChannel() < 1 || config.controlChannel() > 16)) {
            throw problem(file, "controlChannel", "must be a MIDI channel 1–16, not " + config.controlChannel());
        }
        requireNotBlank(file, "backend", config.backend());
        requireNotBlank(file, "clientName", config.clientName());
        requireNotBlank(file, "input", config.input());
        requireNotBlank(file, "output", config.output());
        requireNotBlank(file, "preset", config.preset());
    }

    private static void requireNotBlank(Path file, String key, String value) throws ConfigException {
        if (value != null && value.isBlank()) {
            throw problem(file, key, "must not be empty");
        }
    }

    private static ConfigException problem(Path file, String key, String problem) {
        return new ConfigException(file + ": key \"" + key + "\" " + problem);
    }

    private static String path(List<JsonMappingException.Reference> path) {
        return path.stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.split("\n", 2)[0];
    }
}
