package dev.continuo.bridge.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles copied into the user's plug-in folders whole, replaced whole, refused with a link, removed. */
class PluginInstallerTest {

    @TempDir
    Path plugins;
    @TempDir
    Path home;

    private void buildLv2AndClap() throws IOException {
        Path lv2 = Files.createDirectories(PluginFormat.LV2.builtIn(plugins));
        Files.writeString(lv2.resolve("continuo.so"), "shared object");
        Files.writeString(lv2.resolve("manifest.ttl"), "manifest");
        Files.createDirectories(PluginFormat.CLAP.builtIn(plugins).getParent());
        Files.writeString(PluginFormat.CLAP.builtIn(plugins), "clap shared object");
    }

    private static List<String> whats(List<PluginInstaller.Outcome> outcomes) {
        return outcomes.stream().map(outcome -> outcome.format().title() + " " + outcome.what()).toList();
    }

    private List<String> siblingsOf(Path bundle) throws IOException {
        try (Stream<Path> files = Files.list(bundle.getParent())) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void copiesWhatWasBuiltIntoEachFormatsUserFolder() throws IOException {
        buildLv2AndClap();
        PluginInstaller installer = new PluginInstaller(plugins, home);
        assertEquals(List.of("LV2 installed", "CLAP installed", "VST3 not built"), whats(installer.install(null)));
        Path lv2 = home.resolve(".lv2/continuo.lv2");
        assertEquals("shared object", Files.readString(lv2.resolve("continuo.so")));
        assertEquals("manifest", Files.readString(lv2.resolve("manifest.ttl")));
        assertEquals("clap shared object", Files.readString(home.resolve(".clap/continuo.clap")));
        assertEquals(List.of("LV2 installed", "CLAP installed", "VST3 not installed; not built in " + plugins),
                whats(installer.status(null)));
    }

    @Test
    void aSecondInstallReplacesTheBundleWholeAndLeavesNothingBeside() throws IOException {
        buildLv2AndClap();
        PluginInstaller installer = new PluginInstaller(plugins, home);
        installer.install(null);
        Path lv2 = home.resolve(".lv2/continuo.lv2");
        Files.writeString(lv2.resolve("stale.ttl"), "from an older build");
        Files.writeString(PluginFormat.LV2.builtIn(plugins).resolve("continuo.so"), "newer shared object");
        installer.install(null);
        assertEquals("newer shared object", Files.readString(lv2.resolve("continuo.so")));
        assertFalse(Files.exists(lv2.resolve("stale.ttl")), "the old bundle is gone whole");
        assertEquals(List.of("continuo.lv2"), siblingsOf(lv2), "no half-copied or set-aside bundle is left");
    }

    @Test
    void aBundleWithALinkInItIsRefusedAndTheInstalledOneStays() throws IOException {
        buildLv2AndClap();
        PluginInstaller installer = new PluginInstaller(plugins, home);
        installer.install(null);
        Files.createSymbolicLink(PluginFormat.LV2.builtIn(plugins).resolve("elsewhere.ttl"), Path.of("/etc/passwd"));
        IOException refused = assertThrows(IOException.class, () -> installer.install(null));
        assertTrue(refused.getMessage().contains("a link in the plug-in bundle"), refused.getMessage());
        Path lv2 = home.resolve(".lv2/continuo.lv2");
        assertEquals("shared object", Files.readString(lv2.resolve("continuo.so")));
        assertEquals(List.of("continuo.lv2"), siblingsOf(lv2));
    }

    @Test
    void uninstallRemovesWhatIsThereAndSaysWhatWasNot() throws IOException {
        buildLv2AndClap();
        PluginInstaller installer = new PluginInstaller(plugins, home);
        Path into = home.resolve("plug-ins");
        installer.install(into);
        assertTrue(Files.isDirectory(into.resolve("continuo.lv2")));
        assertTrue(Files.isRegularFile(into.resolve("continuo.clap")));
        assertEquals(List.of("LV2 removed", "CLAP removed", "VST3 not installed"), whats(installer.uninstall(into)));
        try (Stream<Path> left = Files.list(into)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void nothingBuiltIsOneClearError() {
        NoSuchFileException none = assertThrows(NoSuchFileException.class,
                () -> new PluginInstaller(plugins, home).install(null));
        assertTrue(none.getMessage().contains("no plug-in was built there"), none.getMessage());
    }
}
