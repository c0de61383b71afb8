package dev.continuo.bridge.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the configuration reader: any bytes in {@code config.json} give a configuration or a
 * {@link ConfigException} whose message is one line, nothing else. Seeds in {@code ConfigFileFuzzTestInputs}.
 */
class ConfigFileFuzzTest {

    private static final Path FILE;

    static {
        try {
            Path directory = Files.createTempDirectory("continuo-config-fuzz");
            directory.toFile().deleteOnExit();
            FILE = directory.resolve("config.json");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anyFileGivesAConfigurationOrAOneLineError(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        try {
            assertNotNull(new ConfigFile().load(FILE));
        } catch (ConfigException e) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
