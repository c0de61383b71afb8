package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as built by {@code mvn -Pinstaller package} (which {@code .ci/run} does before the tests):
 * unpacked with {@code dpkg-deb -x} into a scratch root, its bundled runtime and launcher run {@code --version},
 * {@code demo} and {@code evaluate}; its systemd units pass {@code systemd-analyze verify}; {@code service
 * install/uninstall} leaves nothing behind. Skipped, with the reason, where no package was built.
 */
class PackageIT {

    @TempDir
    static Path root;
    private static Path launcher;

    @BeforeAll
    static void unpack() throws Exception {
        Path target = Path.of("..", "installer", "target").toAbsolutePath().normalize();
        Path deb = null;
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                deb = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
            }
        }
        Assumptions.assumeTrue(deb != null, "no .deb in " + target + " (build it with mvn -Pinstaller package)");
        Result unpacked = run(Map.of(), "dpkg-deb", "-x", deb.toString(), root.toString());
        assertEquals(0, unpacked.exitCode(), unpacked.output());
        launcher = root.resolve("opt/continuo/bin/continuo");
    }

    @Test
    void holdsTheLauncherTheCommandAndTheUserUnit() {
        assertTrue(Files.isExecutable(launcher));
        assertTrue(Files.isExecutable(root.resolve("usr/bin/continuo")));
        assertTrue(Files.isRegularFile(root.resolve("usr/lib/systemd/user/continuo.service")));
        assertTrue(Files.isDirectory(root.resolve("opt/continuo/lib/runtime")), "bundles its Java runtime");
    }

    @Test
    void holdsTheLv2PluginWhereHostsLookAndInstallsItForTheUser(@TempDir Path work) throws Exception {
        Path bundle = root.resolve("usr/lib/lv2/continuo.lv2");
        assertTrue(Files.isRegularFile(bundle.resolve("continuo.so")), "the LV2 plug-in in /usr/lib/lv2");
        assertTrue(Files.readString(bundle.resolve("continuo.ttl")).contains("lv2:symbol \"density\""));
        // Installed, the package's launcher knows /usr/lib; unpacked here, the folder is given explicitly.
        Result install = run(Map.of(), launcher.toString(), "plugin", "install", "--from",
                root.resolve("usr/lib").toString(), "--into", work.toString());
        assertEquals(0, install.exitCode(), install.output());
        assertTrue(install.output().contains("LV2   " + work.resolve("continuo.lv2") + ": installed"),
                install.output());
        assertEquals(-1L, Files.mismatch(bundle.resolve("continuo.so"), work.resolve("continuo.lv2/continuo.so")));
        Result uninstall = run(Map.of(), launcher.toString(), "plugin", "uninstall", "--into", work.toString());
        assertEquals(0, uninstall.exitCode(), uninstall.output());
        assertTrue(Files.notExists(work.resolve("continuo.lv2")), uninstall.output());
    }

    @Test
    void printsItsVersionAndCommit() throws Exception {
        Result version = run(Map.of(), launcher.toString(), "--version");
        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().matches("Continuo \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}.*\\)\\s*"),
                version.output());
    }

    @Test
    void accompaniesTheBundledMelodyAndEvaluatesTheResultWithItsOwnRuntime(@TempDir Path work) throws Exception {
        Path output = work.resolve("demo.mid");
        Result demo = run(Map.of("OMP_NUM_THREADS", "1"), launcher.toString(), "demo", "-o", output.toString());
        assertEquals(0, demo.exitCode(), demo.output());
        Result evaluate = run(Map.of(), launcher.toString(), "evaluate", output.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.output());
        assertTrue(evaluate.output().contains("in-key"), evaluate.output());
    }

    @Test
    void itsSystemdUnitsVerify(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is not installed");
        // The packaged unit runs /usr/bin/continuo; point it at the unpacked copy so that verify can check it.
        String packaged = Files.readString(root.resolve("usr/lib/systemd/user/continuo.service"));
        Path unit = work.resolve("continuo.service");
        Files.writeString(unit, packaged.replace("/usr/bin/continuo", root.resolve("usr/bin/continuo").toString()));
        Result verify = run(Map.of(), "systemd-analyze", "verify", unit.toString());
        assertEquals(0, verify.exitCode(), verify.output());

        Path config = Files.createDirectories(work.resolve("config"));
        Map<String, String> home = Map.of("XDG_CONFIG_HOME", config.toString());
        // Installed, the package's launcher names /usr/bin/continuo; unpacked here, it is given explicitly.
        Path command = root.resolve("usr/bin/continuo");
        Result install = run(home, launcher.toString(), "service", "install", "--no-start", "--launcher",
                command.toString());
        assertEquals(0, install.exitCode(), install.output());
        Result again = run(home, launcher.toString(), "service", "install", "--no-start", "--launcher",
                command.toString());
        assertTrue(again.output().contains("already installed"), again.output());
        Path userUnit = config.resolve("systemd/user/continuo.service");
        assertTrue(Files.readString(userUnit).contains("ExecStart=\"" + command + "\" serve"),
                Files.readString(userUnit));
        Result verifyUser = run(Map.of(), "systemd-analyze", "verify", userUnit.toString());
        assertEquals(0, verifyUser.exitCode(), verifyUser.output());

        Result uninstall = run(home, launcher.toString(), "service", "uninstall", "--no-start");
        assertEquals(0, uninstall.exitCode(), uninstall.output());
        try (Stream<Path> left = Files.list(config)) {
            assertEquals(List.of(), left.toList(), "service uninstall leaves nothing behind");
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}
