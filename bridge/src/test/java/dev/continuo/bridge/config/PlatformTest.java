package dev.continuo.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxFollowsXdgAndFallsBackToTheHomeDirectory() {
        Platform defaults = new Platform(Platform.Os.LINUX, HOME, Map.of());
        assertEquals(Path.of("/home/ada/.config/continuo/config.json"), defaults.configFile());
        assertEquals(Path.of("/home/ada/.local/state/continuo"), defaults.logDirectory());
        Platform xdg = new Platform(Platform.Os.LINUX, HOME, Map.of("XDG_CONFIG_HOME", "/cfg",
                "XDG_STATE_HOME", "/state"));
        assertEquals(Path.of("/cfg/continuo/config.json"), xdg.configFile());
        assertEquals(Path.of("/state/continuo"), xdg.logDirectory());
        // The XDG specification says relative paths are invalid and must be ignored.
        Platform relative = new Platform(Platform.Os.LINUX, HOME, Map.of("XDG_CONFIG_HOME", "cfg"));
        assertEquals(Path.of("/home/ada/.config/continuo/config.json"), relative.configFile());
    }

    @Test
    void macUsesTheLibraryFolders() {
        Platform mac = new Platform(Platform.Os.MAC, Path.of("/Users/ada"), Map.of());
        assertEquals(Path.of("/Users/ada/Library/Application Support/Continuo/config.json"), mac.configFile());
        assertEquals(Path.of("/Users/ada/Library/Logs/Continuo"), mac.logDirectory());
    }

    @Test
    void windowsUsesAppData() {
        Platform windows = new Platform(Platform.Os.WINDOWS, HOME, Map.of("APPDATA", "/roaming",
                "LOCALAPPDATA", "/local"));
        assertEquals(Path.of("/roaming/Continuo/config.json"), windows.configFile());
        assertEquals(Path.of("/local/Continuo/logs"), windows.logDirectory());
    }
}
