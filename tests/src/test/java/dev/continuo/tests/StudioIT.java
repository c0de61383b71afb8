package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.PianoRoll;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuo Studio in headless Chromium against a real {@code continuo studio} with the bundled presets: a melody
 * typed on the computer keyboard, generated, drawn, downloaded and read back; and refused without the token, from
 * another host name and from another site's page.
 */
class StudioIT {

    private static final Logger LOG = LoggerFactory.getLogger(StudioIT.class);
    /** Colours of the generated parts on the canvas (pianoroll.js PART_COLOURS after the melody's). */
    private static final List<String> PART_COLOURS = List.of("#e4572e", "#17a398", "#e0a100", "#6a4c93");
    /** A, D, G, D, A on the computer keyboard: C4, E4, G4, E4, C4 in quarter notes, then a rest. */
    private static final String TYPED = "adgda ";
    private static final int[] TYPED_PITCHES = {60, 64, 67, 64, 60};

    @TempDir
    Path dir;

    private StudioProcess studio;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        studio = StudioProcess.start(dir);
        browser = HeadlessChromium.start(Files.createDirectories(dir.resolve("downloads")));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (studio != null) {
            studio.close();
        }
    }

    private Object js(String script, Object... args) {
        return browser.executeScript(script, args);
    }

    private void waitFor(String condition, int seconds) {
        new WebDriverWait(browser, Duration.ofSeconds(seconds))
                .until(driver -> Boolean.TRUE.equals(js("return !!(" + condition + ");")));
    }

    @Test
    void typedMelodyIsAccompaniedDrawnAndDownloadedAsAMultitrackFile() throws Exception {
        browser.get(studio.url());
        waitFor("window.studio && window.studio.ready", 30);
        long firstLoad = Math.round(((Number) js("return window.studio.readyMillis;")).doubleValue());
        browser.navigate().refresh();
        waitFor("window.studio && window.studio.ready", 30);
        LOG.info("Studio page ready (presets listed) {} ms after navigation; {} ms on a fresh browser's first page",
                Math.round(((Number) js("return window.studio.readyMillis;")).doubleValue()), firstLoad);
        browser.findElement(By.tagName("body")).sendKeys(TYPED);
        waitFor("window.studio.melodyDrawn === " + TYPED_PITCHES.length, 5);

        new Select(browser.findElement(By.id("preset"))).selectByValue("chorale");
        browser.findElement(By.id("variations")).clear();
        browser.findElement(By.id("variations")).sendKeys("2");
        browser.findElement(By.id("generate")).click();
        waitFor("window.studio.results.length === 2 || window.studio.error", 120);
        assertEquals(null, js("return window.studio.error;"));
        LOG.info("Generated on the server in {} ms; drawn {} ms after the answer arrived",
                js("return window.studio.timing.serverMillis;"),
                Math.round(((Number) js("return window.studio.timing.drawMillis;")).doubleValue()));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) js("return window.studio.results;");
        for (Map<String, Object> result : results) {
            @SuppressWarnings("unchecked")
            List<Number> drawn = (List<Number>) result.get("drawn");
            assertEquals(TYPED_PITCHES.length, drawn.get(0).intValue(), "the melody's notes drawn: " + drawn);
            int partNotes = drawn.subList(1, drawn.size()).stream().mapToInt(Number::intValue).sum();
            assertTrue(partNotes >= 4, "generated notes drawn: " + drawn);
        }
        List<Long> pixels = partPixels(0);
        assertTrue(pixels.stream().filter(count -> count > 20).count() >= 2,
                "at least two parts painted in their colours on the first canvas: " + pixels);
        HeadlessChromium.screenshot(browser, "studio");

        browser.findElements(By.cssSelector(".result .play")).get(0).click();
        int allNotes = drawnNotes(results.get(0));
        assertEquals(allNotes, number("window.studio.playback.notes"), "every drawn note scheduled in WebAudio");
        assertEquals(32 * 60.0 / 100 / 4, ((Number) js("return window.studio.playback.seconds;")).doubleValue(),
                1e-9, "two bars at 100 bpm");

        browser.findElements(By.cssSelector(".result .download")).get(0).click();
        Path file = awaitDownload(dir.resolve("downloads"));
        PianoRoll roll = new MidiFileReader().read(file);
        @SuppressWarnings("unchecked")
        List<Integer> drawnFirst = ((List<Number>) results.get(0).get("drawn")).stream().map(Number::intValue)
                .toList();
        List<Integer> sounding = drawnFirst.subList(1, drawnFirst.size()).stream().filter(n -> n > 0).toList();
        assertEquals(1 + sounding.size(), roll.parts().size(), "the melody and the parts drawn (a muted part's "
                + "track is empty, and empty tracks are not read back as parts): " + drawnFirst);
        assertEquals(List.of(60, 64, 67, 64, 60), roll.part(0).notes().stream().map(Note::pitch).toList());
        assertEquals(sounding, roll.parts().subList(1, roll.parts().size()).stream().map(p -> p.notes().size())
                .toList(), "the file holds the notes drawn");
    }

    @Test
    void withoutTheTokenFromAnotherHostOrFromAnotherPageTheStudioRefuses() throws Exception {
        browser.get(studio.base() + "/");
        String refused = browser.findElement(By.tagName("body")).getText();
        assertEquals("this studio needs its token: open the URL that continuo studio printed", refused);
        HeadlessChromium.screenshot(browser, "studio-refused");

        // DNS rebinding: a name that resolves to 127.0.0.1 still arrives with its own Host header.
        try (Socket socket = new Socket("127.0.0.1", studio.port())) {
            socket.getOutputStream().write(("GET /?token=" + studio.token() + " HTTP/1.1\r\nHost: rebind.example:"
                    + studio.port() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.endsWith("Host \"rebind.example:" + studio.port() + "\" is not this studio (127.0.0.1:"
                    + studio.port() + ")\n"), answer);
        }

        // Another site's page posting to the studio (the browser adds its Origin), token cookie and all.
        HttpResponse<String> crossSite = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(studio.base() + "/api/generate")).header("Origin", "https://evil.example")
                .header("Cookie", "continuo-studio-" + studio.port() + "=" + studio.token())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, crossSite.statusCode());
        assertEquals("requests from the page of \"https://evil.example\" are not allowed\n", crossSite.body());
        assertTrue(studio.log().contains("Refused POST /api/generate"), studio.log());
    }

    private long number(String script) {
        return ((Number) js("return " + script + ";")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static int drawnNotes(Map<String, Object> result) {
        return ((List<Number>) result.get("drawn")).stream().mapToInt(Number::intValue).sum();
    }

    /** Pixels of each generated part's colour on result canvas {@code index}. */
    private List<Long> partPixels(int index) {
        @SuppressWarnings("unchecked")
        List<Number> counts = (List<Number>) js("""
                const canvas = document.querySelectorAll('.result canvas')[arguments[0]];
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                const wanted = arguments[1].map(hex => [1, 3, 5].map(i => parseInt(hex.substr(i, 2), 16)));
                const counts = wanted.map(() => 0);
                for (let i = 0; i < data.length; i += 4) {
                  wanted.forEach(([r, g, b], k) => {
                    if (data[i] === r && data[i + 1] === g && data[i + 2] === b) counts[k]++;
                  });
                }
                return counts;""", index, PART_COLOURS);
        return counts.stream().map(Number::longValue).toList();
    }

    private static Path awaitDownload(Path folder) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(folder)) {
                List<Path> done = files.filter(f -> f.toString().endsWith(".mid")).toList();
                if (!done.isEmpty()) {
                    return done.get(0);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no .mid downloaded into " + folder + " in 20 s");
    }
}
