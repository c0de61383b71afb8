package dev.continuo.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path directory;

    private Path write(String text) throws IOException {
        Path file = directory.resolve("config.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private String error(String text) throws IOException {
        Path file = write(text);
        String message = assertThrows(ConfigException.class, () -> new ConfigFile().load(file)).getMessage();
        assertEquals(file.toString(), message.substring(0, file.toString().length()), "names the file first");
        return message.substring(file.toString().length() + 2);
    }

    @Test
    void aMissingFileMeansEveryDefault() throws Exception {
        assertEquals(ContinuoConfig.empty(), new ConfigFile().load(directory.resolve("none.json")));
    }

    @Test
    void readsEveryKey() throws Exception {
        ContinuoConfig config = new ConfigFile().load(write("""
                {"backend": "jack", "clientName": "studio", "input": "Keystation", "output": "loopMIDI", "ports": "split", "preset": "chorale", "bars": 4,
                 "bpm": 96.5, "clock": "midi", "controlChannel": 10, "coreMidiUniqueIds": {"Continuo": 123456}}
                """));
        assertEquals(new ContinuoConfig("jack", "studio", "Keystation", "loopMIDI", "split", "chorale", 4, 96.5, "midi", 10,
                Map.of("Continuo", 123456)), config);
    }

    @Test
    void keysAndValuesFromTheFileReachTheMessageAsOneShortPrintableLine() throws Exception {
        // Found by ConfigFileFuzzTest: a key with an escaped newline was echoed into a two-line message.
        String key = error("{\"bakc\\nd\": 1}");
        assertTrue(key.contains("unknown key \"bakc?d\""), key);
        String value = error("{\"ports\": \"a\\u001b[2Jb\"}");
        assertTrue(value.endsWith("not \"a?[2Jb\""), value);
        String longKey = error("{\"" + "k".repeat(10_000) + "\": 1}");
        assertTrue(longKey.endsWith("…") && longKey.length() < ConfigException.MAX_CHARS, "cut: " + longKey.length());
    }

    @Test
    void namesAnUnknownKeyAndTheKnownOnes() throws Exception {
        String message = error("{\"barz\": 4}");
        assertEquals("unknown key \"barz\" (known: backend, bars, bpm, clientName, clock, controlChannel, "
                + "coreMidiUniqueIds, input, output, ports, preset)", message);
    }

    @Test
    void namesTheKeyOfAWrongType() throws Exception {
        assertEquals("key \"bars\": ", error("{\"bars\": \"eight\"}").substring(0, 12));
        assertEquals("key \"bpm\": ", error("{\"bpm\": [120]}").substring(0, 11));
    }

    @Test
    void namesTheKeyOfAValueOutOfRange() throws Exception {
        assertEquals("key \"bars\" must be 1–64, not 0", error("{\"bars\": 0}"));
        assertTrue(error("{\"bars\": 4.5}").startsWith("key \"bars\": "), "4.5 bars is not 4");
        assertEquals("key \"clientName\" must be at most 32 characters, not 300",
                error("{\"clientName\": \"" + "x".repeat(300) + "\"}"));
        assertEquals("key \"clientName\" must be printable ASCII without ':', not \"a:b\"",
                error("{\"clientName\": \"a:b\"}"));
        assertEquals("key \"bpm\" must be 20–400, not 1000.0", error("{\"bpm\": 1000}"));
        assertEquals("key \"ports\" must be \"single\" or \"split\", not \"quad\"", error("{\"ports\": \"quad\"}"));
        assertEquals("key \"clock\" must be auto, internal, jack or midi, not \"smpte\"",
                error("{\"clock\": \"smpte\"}"));
        assertEquals("key \"controlChannel\" must be a MIDI channel 1–16, not 17", error("{\"controlChannel\": 17}"));
        assertEquals("key \"preset\" must not be empty", error("{\"preset\": \" \"}"));
    }

    @Test
    void saysWhereJsonIsBroken() throws Exception {
        String message = error("{\"bars\": 4,\n \"bpm\" 120}");
        assertEquals("not valid JSON: ", message.substring(0, 16));
        assertEquals(true, message.contains("(line 2, column"), message);
    }

    @Test
    void neverChangesTheFile() throws Exception {
        Path file = write("{\"barz\": 4}");
        byte[] before = Files.readAllBytes(file);
        assertThrows(ConfigException.class, () -> new ConfigFile().load(file));
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
    }
}
