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
 * The live page in headless Chromium against a real {@code continuo serve} on a real JACK server (dummy driver),
 * with {@code jack_midiseq} playing a two-bar melody into it: served by the daemon itself ({@code serve --studio}):
 * its session, clock and position shown as they move, each phrase drawn as it is accompanied, the mix turned, a
 * preset switched and a panic sent from the page; and served by {@code continuo studio} beside it, over the control
 * socket, until the daemon goes away.
 */
class StudioLiveIT {

    /** The chorale preset's third part (tenor), 1-based as {@code ctl mix} counts. */
    private static final int TENOR = 3;

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

    private void playMelody() throws Exception {
        jack.startClient(JackServeIT.MELODY, "melody.log");
        jack.waitForPort("melody:out");
        jack.connect("melody:out", "continuo:melody_in");
    }

    @Test
    void servedByTheDaemonItShowsPhrasesAsTheyComeTurnsTheMixSwitchesPresetAndPanics() throws Exception {
        daemon = ServeDaemon.start(jack, dir, "--bars", "2", "--count-in", "0", "--studio");
        String url = daemon.studioUrl(60);
        assertEquals(url, daemon.status().path("studio").asText(), "ctl status shows the studio's URL");
        browser.get(url.replace("/?", "/live.html?"));
        waitFor("window.live && window.live.connected && window.live.status"
                + " && window.live.status.state === 'RUNNING'", 30);
        assertEquals("this continuo serve", browser.findElement(By.id("where")).getText());
        assertTrue(browser.findElement(By.id("ports")).getText().contains("melody_in"),
                browser.findElement(By.id("ports")).getText());
        assertTrue(browser.findElement(By.id("tempo")).getText().endsWith(" bpm"));
        assertEquals(daemon.status().path("clock").asText(), browser.findElement(By.id("clock")).getText());
        Set<String> positions = new HashSet<>();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
            positions.add(browser.findElement(By.id("bar-beat")).getText());
            return positions.size() >= 3;
        });

        // Each phrase is drawn as it is accompanied: the melody and the chorale's three sounding parts.
        playMelody();
        waitFor("Object.values(window.live.phrases).some(p => p.drawn[0] > 0 && p.drawn[" + TENOR + "] > 0)", 90);
        assertEquals(4, ((Number) js("return document.querySelectorAll('#mix tbody tr').length;")).intValue());
        assertEquals(Boolean.FALSE, js("return document.querySelectorAll('#mix .mute')[" + (TENOR - 1)
                + "].checked;"));
        HeadlessChromium.screenshot(browser, "studio-live");

        // Muting the tenor on the page: the engine's status shows it (timed from the click), and the phrases are
        // drawn again without it.
        long before = ((Number) js("return Math.max(...Object.values(window.live.phrases).map(p => p.sequence));"))
                .longValue();
        browser.findElements(By.cssSelector("#mix .mute")).get(TENOR - 1).click();
        waitFor("window.live.mixShownMillis !== null", 10);
        System.out.printf("Mix change shown %.0f ms after the click%n",
                ((Number) js("return window.live.mixShownMillis;")).doubleValue());
        assertTrue(daemon.status().path("mix").get(TENOR - 1).path("muted").asBoolean());
        daemon.awaitLog(log -> log.contains("Part 3 muted (CC 104 = 127): from the next phrase start"), 10);
        waitFor("Object.values(window.live.phrases).some(p => p.sequence > " + before + " && p.drawn[" + TENOR
                + "] === 0 && p.drawn[0] > 0)", 60);
        assertEquals(null, js("return window.live.error;"));

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
    void besideTheDaemonItFollowsItsSocketUntilItGoesAway() throws Exception {
        daemon = ServeDaemon.start(jack, dir, "--bars", "2", "--count-in", "0");
        studio = StudioProcess.start(dir, "--socket", daemon.socket().toString());
        browser.get(studio.url().replace("/?", "/live.html?"));
        waitFor("window.live && window.live.connected && window.live.status"
                + " && window.live.status.state === 'RUNNING'", 30);
        assertEquals(daemon.socket().toString(), browser.findElement(By.id("where")).getText());
        playMelody();
        waitFor("Object.values(window.live.phrases).some(p => p.drawn[0] > 0)", 90);

        daemon.stop();
        waitFor("!window.live.connected", 30);
        assertEquals("no Continuo daemon answers on " + daemon.socket() + " (start it with continuo serve)",
                browser.findElement(By.id("status")).getText());
    }
}
