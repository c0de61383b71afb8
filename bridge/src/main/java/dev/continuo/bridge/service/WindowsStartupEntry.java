package dev.continuo.bridge.service;

import dev.continuo.bridge.config.Platform;
import java.nio.file.Path;
import java.util.List;

/**
 * Windows: a script in the user's Startup folder that starts {@code continuo serve} minimised at login. Windows has
 * no per-user service manager that restarts on failure without administrator rights; the script restarts the engine
 * itself if it exits with an error.
 */
final class WindowsStartupEntry extends ServiceDefinitionFile {

    WindowsStartupEntry(Platform platform) {
        super(platform.configDirectory().getParent().resolve("Microsoft").resolve("Windows").resolve("Start Menu")
                .resolve("Programs").resolve("Startup").resolve("Continuo.cmd"),
                platform.configDirectory().getParent());
    }

    @Override
    public String definition(Path launcher) {
        return String.join("\r\n",
                "@echo off",
                "rem Starts the Continuo engine at login (continuo service install).",
                "set OMP_NUM_THREADS=1",
                ":run",
                "\"" + launcher.toAbsolutePath() + "\" serve --no-status",
                "if errorlevel 1 (timeout /t 3 /nobreak >nul & goto run)",
                "");
    }

    @Override
    public List<List<String>> startCommands() {
        return List.of();
    }

    @Override
    public List<List<String>> stopCommands() {
        return List.of();
    }

    @Override
    public List<String> statusCommand() {
        return List.of();
    }

    @Override
    public String manager() {
        return "the Startup folder";
    }
}
