package dev.continuo.bridge.service;

import dev.continuo.bridge.config.Platform;
import java.nio.file.Path;
import java.util.List;

/**
 * Linux: a systemd user unit, {@code $XDG_CONFIG_HOME/systemd/user/continuo.service}, started after the user's
 * PipeWire or JACK session where there is one, restarted on failure.
 */
final class SystemdUserUnit extends ServiceDefinitionFile {

    static final String UNIT = "continuo.service";

    SystemdUserUnit(Platform platform) {
        super(configHome(platform).resolve("systemd").resolve("user").resolve(UNIT), root(platform));
    }

    private static Path configHome(Platform platform) {
        return platform.configDirectory().getParent();
    }

    /** ~/.config itself may be removed when it is left empty; a folder the user named in XDG_CONFIG_HOME is not. */
    private static Path root(Platform platform) {
        Path configHome = configHome(platform);
        return configHome.equals(platform.home().resolve(".config")) ? platform.home() : configHome;
    }

    @Override
    public String definition(Path launcher) {
        return """
                [Unit]
                Description=Continuo accompaniment engine (virtual MIDI ports for your DAW)
                After=pipewire.service pipewire-jack.service jack.service

                [Service]
                Type=simple
                Environment=OMP_NUM_THREADS=1
                ExecStart="%s" serve --no-status
                Restart=on-failure
                RestartSec=3

                [Install]
                WantedBy=default.target
                """.formatted(launcher.toAbsolutePath());
    }

    @Override
    public List<List<String>> startCommands() {
        return List.of(List.of("systemctl", "--user", "daemon-reload"),
                List.of("systemctl", "--user", "enable", "--now", UNIT));
    }

    @Override
    public List<List<String>> stopCommands() {
        return List.of(List.of("systemctl", "--user", "disable", "--now", UNIT),
                List.of("systemctl", "--user", "daemon-reload"));
    }

    @Override
    public List<String> statusCommand() {
        return List.of("systemctl", "--user", "is-active", UNIT);
    }

    @Override
    public String manager() {
        return "systemd (user)";
    }
}
