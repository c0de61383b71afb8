package dev.continuo.bridge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.config.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceInstallerTest {

    @TempDir
    Path home;

    private List<Path> tree() throws Exception {
        try (Stream<Path> paths = Files.walk(home)) {
            return paths.sorted().toList();
        }
    }

    private void installTwiceThenUninstall(Platform platform, Path expectedFile, String... expectedLines)
            throws Exception {
        List<Path> before = tree();
        UserService service = UserServices.forPlatform(platform);
        ServiceInstaller installer = new ServiceInstaller(service, false);
        Path launcher = Path.of("/opt/continuo/bin/continuo");
        installer.install(launcher);
        String first = Files.readString(expectedFile);
        installer.install(launcher);
        assertEquals(first, Files.readString(expectedFile), "installing again changes nothing");
        for (String line : expectedLines) {
            assertTrue(first.contains(line), "missing " + line + " in\n" + first);
        }
        assertTrue(installer.status().startsWith("installed: " + expectedFile));
        installer.uninstall();
        installer.uninstall();
        assertFalse(Files.exists(expectedFile));
        assertEquals(before, tree(), "nothing left behind");
        assertTrue(installer.status().startsWith("not installed"));
    }

    @Test
    void systemdUserUnit() throws Exception {
        installTwiceThenUninstall(new Platform(Platform.Os.LINUX, home, Map.of()),
                home.resolve(".config/systemd/user/continuo.service"),
                "ExecStart=\"/opt/continuo/bin/continuo\" serve --no-status", "Restart=on-failure",
                "WantedBy=default.target", "After=pipewire.service pipewire-jack.service jack.service");
    }

    @Test
    void systemdUserUnitUnderXdgConfigHome() throws Exception {
        Path config = Files.createDirectories(home.resolve("cfg"));
        installTwiceThenUninstall(new Platform(Platform.Os.LINUX, home, Map.of("XDG_CONFIG_HOME", config.toString())),
                config.resolve("systemd/user/continuo.service"), "Restart=on-failure");
        assertTrue(Files.isDirectory(config), "the user's config folder itself stays");
    }

    @Test
    void launchAgentIsAValidPropertyList() throws Exception {
        Platform mac = new Platform(Platform.Os.MAC, home, Map.of());
        UserService agent = UserServices.forPlatform(mac);
        String plist = agent.definition(Path.of("/Applications/Continuo & Co.app/Contents/MacOS/Continuo"));
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document document = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(plist)));
        assertEquals("plist", document.getDocumentElement().getNodeName());
        assertTrue(plist.contains("<string>/Applications/Continuo &amp; Co.app/Contents/MacOS/Continuo</string>"));
        installTwiceThenUninstall(mac, home.resolve("Library/LaunchAgents/dev.continuo.serve.plist"),
                "<string>dev.continuo.serve</string>", "<key>RunAtLoad</key>");
    }

    @Test
    void windowsStartupEntry() throws Exception {
        Path roaming = Files.createDirectories(home.resolve("AppData/Roaming"));
        installTwiceThenUninstall(new Platform(Platform.Os.WINDOWS, home, Map.of("APPDATA", roaming.toString())),
                roaming.resolve("Microsoft/Windows/Start Menu/Programs/Startup/Continuo.cmd"),
                "serve --no-status", "goto run");
    }
}
