package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The training page in headless Chromium: a tiny run (a few iterations on four generated songs, batch 4, as
 * {@code TrainCommandIT} keeps training small) started from the page, its charts growing a point per checkpoint,
 * the samples drawn, and the finished preset offered on the studio page; and the same data-parallel on Spark
 * ({@code local[2]}, through the cluster jar).
 */
class StudioTrainingIT {

    private static final int ITERATIONS = 3;

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

    /** Four 4-bar songs: a lead and three parts a third, a sixth and two octaves below it. */
    private Path songs() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("songs"));
        for (int song = 0; song < 4; song++) {
            Part melody = new Part("Lead", 0, 0, 1, 64);
            List<Part> parts = new ArrayList<>(List.of(melody));
            for (int p = 0; p < 3; p++) {
                parts.add(new Part("Part " + p, p + 1, 0, p + 2, 64));
            }
            for (int step = 0; step < 64; step += 4) {
                int pitch = 67 + song + (step / 4) % 5;
                melody.addNote(new Note(pitch, step, 4, 100));
                parts.get(1).addNote(new Note(pitch - 4, step, 4, 80));
                parts.get(2).addNote(new Note(pitch - 9, step, 4, 80));
                parts.get(3).addNote(new Note(pitch - 24, step, 4, 80));
            }
            new MidiFileWriter().write(new PianoRoll(4, 64, parts, List.of(), List.of()), "Song " + song,
                    folder.resolve("song" + song + ".mid"));
        }
        return folder;
    }

    private Object js(String script) {
        return browser.executeScript(script);
    }

    private long number(String script) {
        return ((Number) js("return " + script + ";")).longValue();
    }

    private void waitFor(String condition, int seconds) {
        new WebDriverWait(browser, Duration.ofSeconds(seconds))
                .until(driver -> Boolean.TRUE.equals(js("return !!(" + condition + ");")));
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** Opens the training page and fills its form for a tiny run of {@code preset}. */
    private void startTinyRun(String preset) throws Exception {
        browser.get(studio.url().replace("/?", "/training.html?"));
        waitFor("window.training && document.getElementById('status').textContent === 'Ready'", 30);
        type("data", songs().toString());
        type("preset", preset);
        type("iterations", String.valueOf(ITERATIONS));
        type("update-ratio", "1");
        type("batch", "4");
        type("reconstruction", "10");
        type("every", "1");
    }

    @Test
    void aTinyRunStartedFromThePageGrowsItsChartsAndItsPresetAppearsInTheStudio() throws Exception {
        startTinyRun("tiny-songs");
        browser.findElement(By.id("start")).click();
        followToTheEnd();
        HeadlessChromium.screenshot(browser, "studio-training");
        assertOffered("tiny-songs");
    }

    @Test
    void aRunOnASparkMasterShowsItsProgressAndChartsAsARunHere() throws Exception {
        String jar = System.getProperty("continuo.cluster");
        Assumptions.assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)),
                "the cluster jar is not built (" + jar + "): mvn package builds engine/cluster");
        startTinyRun("tiny-spark");
        type("master", "local[2]");
        type("shares", "2");
        browser.findElement(By.id("start")).click();
        waitFor("document.getElementById('status').textContent === 'Training \"tiny-spark\" on local[2]'"
                + " || window.training.error", 30);
        assertNull(js("return window.training.error;"));
        followToTheEnd();
        HeadlessChromium.screenshot(browser, "studio-training-spark");
        assertOffered("tiny-spark");
    }

    /** Follows the started run to its end: a chart point per checkpoint as it comes, the newest sample drawn. */
    private void followToTheEnd() {
        // Each checkpoint adds a row to training.csv, and the socket brings it to the charts as a point.
        List<Long> seen = new ArrayList<>();
        for (int points = 1; points <= ITERATIONS; points++) {
            waitFor("window.training.points >= " + points + " || window.training.error"
                    + " || window.training.state === 'failed'", 240);
            assertNull(js("return window.training.error;"), () -> "log: " + js("return document.getElementById"
                    + "('log').textContent;"));
            seen.add(number("window.training.points"));
        }
        waitFor("window.training.state === 'finished' || window.training.state === 'failed'", 120);
        assertEquals("finished", js("return window.training.state;"), () -> String.valueOf(js(
                "return document.getElementById('log').textContent;")));
        assertEquals(ITERATIONS, number("window.training.points"));
        assertTrue(seen.get(0) < ITERATIONS, "the chart grew while the run went on: " + seen);
        assertEquals(1 + 3, browser.findElements(By.cssSelector("#losses .u-legend .u-series")).size(),
                "the losses chart's legend: the iteration and three losses");
        waitFor("window.training.samples === " + ITERATIONS + " && window.training.sampleIteration === " + ITERATIONS
                + " && window.training.sampleDrawn > 0", 30); // the newest sample, drawn
        assertTrue(browser.findElement(By.id("progress-text")).getText().startsWith("finished: iteration 3 of 3"));
    }

    private void assertOffered(String preset) {
        browser.get(studio.base() + "/");
        waitFor("window.studio && window.studio.ready", 30);
        assertTrue(browser.findElements(By.cssSelector("#preset option")).stream()
                .anyMatch(option -> option.getAttribute("value").equals(preset)),
                "the new preset is offered on the studio page");
    }
}
