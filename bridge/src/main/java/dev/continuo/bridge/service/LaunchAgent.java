package dev.continuo.bridge.service;

import dev.continuo.bridge.config.Platform;
import java.nio.file.Path;
import java.util.List;

/** macOS: a launchd agent, {@code ~/Library/LaunchAgents/dev.continuo.serve.plist}, kept alive after failures. */
final class LaunchAgent extends ServiceDefinitionFile {

    static final String LABEL = "dev.continuo.serve";

    private final Path logDirectory;

    LaunchAgent(Platform platform) {
        super(platform.home().resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist"), platform.home());
        this.logDirectory = platform.logDirectory();
    }

    @Override
    public String definition(Path launcher) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>%s</string>
                  <key>ProgramArguments</key>
                  <array>
                    <string>%s</string>
                    <string>serve</string>
                    <string>--no-status</string>
                  </array>
                  <key>EnvironmentVariables</key>
                  <dict>
                    <key>OMP_NUM_THREADS</key>
                    <string>1</string>
                  </dict>
                  <key>RunAtLoad</key>
                  <true/>
                  <key>KeepAlive</key>
                  <dict>
                    <key>SuccessfulExit</key>
                    <false/>
                  </dict>
                  <key>StandardErrorPath</key>
                  <string>%s</string>
                </dict>
                </plist>
                """.formatted(LABEL, xml(launcher.toAbsolutePath().toString()),
                xml(logDirectory.resolve("launchd.err.log").toString()));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public List<List<String>> startCommands() {
        return List.of(List.of("launchctl", "bootstrap", "gui/" + uidNumber(), file().toString()));
    }

    @Override
    public List<List<String>> stopCommands() {
        return List.of(List.of("launchctl", "bootout", "gui/" + uidNumber() + "/" + LABEL));
    }

    @Override
    public List<String> statusCommand() {
        return List.of("launchctl", "print", "gui/" + uidNumber() + "/" + LABEL);
    }

    private static long uidNumber() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }

    @Override
    public String manager() {
        return "launchd (user agent)";
    }
}
