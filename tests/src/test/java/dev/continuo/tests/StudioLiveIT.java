package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in headless Chromium against a real {@code continuo serve} on a real JACK server (dummy driver):
 * its session, clock and position shown as they move, a preset switched and a panic sent from the page.
 */
class StudioLiveIT {

    @TempDir
    Path dir;

    private JackServer jack;
    private ServeDaemon daemon;
    private StudioProcess studio;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        jack = JackServer.start(dir);
        daemon = ServeDaemon.start(jack, dir, "--bars", "2", "--count-in", "0");
        studio = StudioProcess.start(dir, "--socket", daemon.socket().toString());
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
        if (daemon != null) {
            daemon.close();
        }
        if (jack != null) {
            jack.close();
        }
    }

    private Object js(String script) {
        return browser.executeScript(script);
    }

    private void waitFor(String condition, int seconds) {
        new WebDriverWait(browser, Duration.ofSeconds(seconds))
                .until(driver -> Boolean.TRUE.equals(js("return !!(" + condition + ");")));
    }

    @Test
    void showsTheRunningEngineAsItMovesAndSwitchesPresetAndPanics() throws Exception {
        browser.get(studio.url().replace("/?", "/live.html?"));
        waitFor("window.live && window.live.connected && window.live.status"
                + " && window.live.status.state === 'RUNNING'", 30);
        assertTrue(browser.findElement(By.id("ports")).getText().contains("melody_in"),
                browser.findElement(By.id("ports")).getText());
        assertTrue(browser.findElement(By.id("tempo")).getText().endsWith(" bpm"));
        assertEquals(daemon.status().path("clock").asText(), browser.findElement(By.id("clock")).getText());

        // Continuo's own clock rolls: the bar and beat shown move on.
        Set<String> positions = new HashSet<>();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
            positions.add(browser.findElement(By.id("bar-beat")).getText());
            return positions.size() >= 3;
        });
        HeadlessChromium.screenshot(browser, "studio-live");

        new Select(browser.findElement(By.id("preset"))).selectByValue("folk");
        browser.findElement(By.id("switch")).click();
        daemon.awaitLog(log -> log.contains("Preset \"folk\" is in use from the next phrase start"), 60);
        waitFor("window.live.status.preset === 'folk'", 30);
        assertEquals("folk", browser.findElement(By.id("current-preset")).getText());

        browser.findElement(By.id("panic")).click();
        waitFor("document.getElementById('status').textContent === 'All notes off' || window.live.error", 30);
        assertEquals(null, js("return window.live.error;"));
        daemon.awaitLog(log -> log.contains("Panic: all notes off"), 10);
    }

    @Test
    void withoutADaemonThePageSaysWhy() throws Exception {
        daemon.stop();
        browser.get(studio.url().replace("/?", "/live.html?"));
        waitFor("window.live && window.live.updates > 0 && !window.live.connected", 30);
        assertEquals("no Continuo daemon answers on " + daemon.socket() + " (start it with continuo serve)",
                browser.findElement(By.id("status")).getText());
    }
}
