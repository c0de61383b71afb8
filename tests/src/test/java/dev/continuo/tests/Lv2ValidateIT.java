package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The LV2 bundle's Turtle files against the installed LV2 specification, with {@code lv2_validate}. */
class Lv2ValidateIT {

    private static final Path BUNDLE = Path.of("..", "native", "target", "lv2", "continuo.lv2").toAbsolutePath()
            .normalize();

    @Test
    void theBundleDescriptionIsValid() throws Exception {
        Assumptions.assumeTrue(JackServer.installed("lv2_validate") && JackServer.installed("sord_validate"),
                "lv2_validate is not installed (apt install lv2-dev sordi)");
        Assumptions.assumeTrue(Files.isDirectory(BUNDLE), "the LV2 bundle was not built (native/target/lv2)");
        List<String> command = new ArrayList<>(List.of("lv2_validate"));
        try (Stream<Path> files = Files.list(BUNDLE)) {
            files.filter(file -> file.toString().endsWith(".ttl")).sorted()
                    .forEach(file -> command.add(file.toString()));
        }
        assertEquals(3, command.size(), "manifest.ttl and continuo.ttl: " + command);
        Process validate = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(validate.waitFor(60, TimeUnit.SECONDS), "lv2_validate did not finish in 60 s");
        assertEquals(0, validate.exitValue(), output);
        assertTrue(output.contains("Found 0 errors"), output);
        assertTrue(!output.contains("warning"), output);
    }
}
