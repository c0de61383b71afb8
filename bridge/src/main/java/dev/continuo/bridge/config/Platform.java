package dev.continuo.bridge.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Continuo keeps its files on this operating system, for one user: configuration, logs, and the per-user
 * service registration. Built from the environment and home directory given, so tests can point it anywhere.
 */
public record Platform(Os os, Path home, Map<String, String> environment) {

    /** The operating systems Continuo knows how to live on. */
    public enum Os { LINUX, MAC, WINDOWS }

    /** This JVM's operating system, home and environment. */
    public static Platform current() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        Os os = name.contains("win") ? Os.WINDOWS : name.contains("mac") ? Os.MAC : Os.LINUX;
        return new Platform(os, Path.of(System.getProperty("user.home")), System.getenv());
    }

    /**
     * {@code $XDG_CONFIG_HOME/continuo} (default {@code ~/.config/continuo}), {@code ~/Library/Application
     * Support/Continuo}, or {@code %APPDATA%\Continuo}.
     */
    public Path configDirectory() {
        return switch (os) {
            case LINUX -> xdg("XDG_CONFIG_HOME", ".config").resolve("continuo");
            case MAC -> home.resolve("Library").resolve("Application Support").resolve("Continuo");
            case WINDOWS -> windows("APPDATA", "Roaming").resolve("Continuo");
        };
    }

    /** The configuration file, {@code config.json} in {@link #configDirectory()}. */
    public Path configFile() {
        return configDirectory().resolve("config.json");
    }

    /**
     * {@code $XDG_STATE_HOME/continuo} (default {@code ~/.local/state/continuo}), {@code ~/Library/Logs/Continuo},
     * or {@code %LOCALAPPDATA%\Continuo\logs}.
     */
    public Path logDirectory() {
        return switch (os) {
            case LINUX -> xdg("XDG_STATE_HOME", ".local/state").resolve("continuo");
            case MAC -> home.resolve("Library").resolve("Logs").resolve("Continuo");
            case WINDOWS -> windows("LOCALAPPDATA", "Local").resolve("Continuo").resolve("logs");
        };
    }

    private Path xdg(String variable, String fallback) {
        String value = environment.get(variable);
        return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value)
                : home.resolve(fallback);
    }

    private Path windows(String variable, String appDataChild) {
        String value = environment.get(variable);
        return value != null && !value.isBlank() ? Path.of(value) : home.resolve("AppData").resolve(appDataChild);
    }
}
