package dev.continuo.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigUniqueIdsTest {

    @TempDir
    Path directory;

    @Test
    void savesAnIdKeepingEveryOtherKeyAndReadsItBack() throws Exception {
        Path file = directory.resolve("config.json");
        Files.writeString(file, "{\"bars\": 4, \"preset\": \"chorale\"}");
        ConfigUniqueIds ids = new ConfigUniqueIds(file);
        assertEquals(OptionalInt.empty(), ids.get("Continuo"));
        ids.put("Continuo", 123456);
        ids.put("Continuo Melody In", -98765);
        assertEquals(OptionalInt.of(123456), ids.get("Continuo"));
        assertEquals(OptionalInt.of(-98765), new ConfigUniqueIds(file).get("Continuo Melody In"));
        ContinuoConfig config = new ConfigFile().load(file);
        assertEquals(4, config.bars());
        assertEquals("chorale", config.preset());
        assertEquals(123456, config.coreMidiUniqueIds().get("Continuo"));
    }

    @Test
    void createsTheFileWhenThereIsNone() {
        Path file = directory.resolve("continuo/config.json");
        new ConfigUniqueIds(file).put("Continuo", 5);
        assertEquals(OptionalInt.of(5), new ConfigUniqueIds(file).get("Continuo"));
    }

    @Test
    void neverTouchesAFileThatDoesNotParse() throws Exception {
        Path file = directory.resolve("config.json");
        Files.writeString(file, "{\"bars\": 4,");
        new ConfigUniqueIds(file).put("Continuo", 5);
        assertEquals("{\"bars\": 4,", Files.readString(file));
    }
}
