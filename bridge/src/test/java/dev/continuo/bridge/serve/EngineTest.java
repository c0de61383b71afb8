package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.plugin.FakePlugin;
import dev.continuo.bridge.realtime.ClockSource;
import dev.continuo.bridge.realtime.EngineOptions;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions on substitute backends: several at once, addressed, lost and reconnected, stopped in every state. */
class EngineTest {

    @TempDir
    Path presets;

    private static SessionSettings settings(String name, boolean reconnect) {
        return new SessionSettings(name, new EngineOptions(PortLayout.SINGLE, ClockSource.INTERNAL, 1, 120, 0, false,
                false, -1, 15), "tiny", GenerationSettings.defaults(), reconnect, false, null);
    }

    /** Hands out backends that open or fail in the given order (then always as the last), remembering each. */
    private static final class Backends implements Supplier<dev.continuo.bridge.backend.MidiBackend> {
        private final boolean[] opens;
        final List<ScriptedBackend> made = new CopyOnWriteArrayList<>();

        Backends(boolean... opens) {
            this.opens = opens;
        }

        @Override
        public ScriptedBackend get() {
            ScriptedBackend backend = new ScriptedBackend(opens[Math.min(made.size(), opens.length - 1)]);
            made.add(backend);
            return backend;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void twoSessionsRunAtOnceAndTheControlProtocolAddressesEach() throws Exception {
        try (Engine engine = new Engine(new PresetCatalog(presets))) {
            Backends first = new Backends(true);
            Backends second = new Backends(true);
            Session one = engine.open(settings("one", false), TinyModels.preset(5), first);
            Session two = engine.open(settings("two", false), TinyModels.preset(5), second);
            assertEquals(SessionState.RUNNING, one.state());
            assertEquals(SessionState.RUNNING, two.state());
            ControlCommands control = new ControlCommands(engine);

            JsonNode listed = control.answer("sessions").get("sessions");
            assertEquals(List.of("1 one RUNNING", "2 two RUNNING"), describe(listed));
            assertEquals(2, control.answer("status").get("sessions").size(), "unaddressed status lists them");
            listed.forEach(node -> assertEquals("backend", node.get("kind").asText()));
            JsonNode status = control.answer("@2 status").get("status");
            assertEquals("two", status.get("name").asText());
            assertEquals("backend", status.get("kind").asText());
            assertEquals("scripted:melody_in scripted:accompaniment", status.get("ports").asText());
            second.made.get(0).load().xrun();
            assertEquals(1, control.answer("@2 status").get("status").get("xruns").asLong(), "xruns are shown");
            assertEquals(0, control.answer("@1 status").get("status").get("xruns").asLong());
            assertTrue(control.answer("preset tiny").get("error").asText().startsWith("which session?"));
            assertTrue(control.answer("@7 status").get("error").asText()
                    .startsWith("no session 7 (sessions: 1 (one) 2 (two))"));

            assertFalse(control.answer("@1 stop").has("error"));
            assertEquals(Session.Outcome.STOPPED, one.awaitEnd());
            assertEquals(SessionState.CLOSED, one.state());
            assertTrue(first.made.get(0).closed(), "its ports are released");
            assertEquals(SessionState.RUNNING, two.state(), "the other session plays on");
            assertFalse(second.made.get(0).closed());
            assertEquals(List.of("2 two RUNNING"), describe(control.answer("sessions").get("sessions")));
            assertEquals("two", control.answer("status").get("status").get("name").asText(),
                    "with one session left, status is its own again");
        }
    }

    private static List<String> describe(JsonNode sessions) {
        List<String> lines = new ArrayList<>();
        sessions.forEach(s -> lines.add(s.get("id").asText() + " " + s.get("name").asText() + " "
                + s.get("state").asText()));
        return lines;
    }

    @Test
    void aPluginSessionRunsBesideABackendSessionWithItsPresetAndBars(@TempDir Path run) throws Exception {
        try (Engine engine = new Engine(new PresetCatalog(presets))) {
            engine.listen(run.resolve("ctl.sock"));
            Session backend = engine.open(settings("serve", false), TinyModels.preset(5), new Backends(true));
            ControlCommands control = new ControlCommands(engine);
            ObjectNode opened = control.answer("plugin-open inst");
            assertTrue(opened.get("ok").asBoolean(), opened.toString());
            assertEquals("2", opened.get("session").asText());
            PluginSession plugin = (PluginSession) engine.session("2");
            assertEquals(1, plugin.bars(), "serve's bars");
            assertEquals("tiny", plugin.presetName(), "serve's preset, shared");
            assertEquals(List.of("1 serve RUNNING", "2 inst RUNNING"),
                    describe(control.answer("sessions").get("sessions")));
            assertEquals(2, control.answer("status").get("sessions").size());
            assertTrue(control.answer("plugin-close 1").get("error").asText().startsWith("plugin-close: no plug-in"),
                    "a backend session is not closed as a plug-in");
            assertEquals("a plug-in session's mix is its host's parameters: turn them in the plug-in",
                    control.answer("@2 mix 1 mute on").get("error").asText());

            new FakePlugin(plugin.link()).beat();
            assertFalse(control.answer("stop").has("error"));
            assertEquals(Session.Outcome.STOPPED, plugin.awaitEnd());
            assertEquals(Session.Outcome.STOPPED, backend.awaitEnd());
            assertFalse(Files.exists(plugin.link()), "stopping the engine deletes the link");
        }
    }

    @Test
    void theMixTurnsAndEachAccompanimentIsHandedOutThroughTheControlProtocol() throws Exception {
        try (Engine engine = new Engine(new PresetCatalog(presets))) {
            Session session = engine.open(settings("serve", false), TinyModels.preset(5), new Backends(true));
            ObjectNode muted = engine.answer("mix 2 mute on");
            assertTrue(muted.get("ok").asBoolean(), muted.toString());
            JsonNode status = engine.answer("status").get("status");
            assertTrue(status.get("mix").get(1).get("muted").asBoolean(), status.toString());
            assertFalse(status.get("mix").get(1).get("audible").asBoolean());
            assertFalse(status.get("mix").get(0).get("muted").asBoolean());
            assertTrue(session.generator().settings().mix().parts().get(1).muted(), "the generator plays it so");
            assertTrue(engine.answer("mix 3 velocity 101").get("ok").asBoolean());
            assertEquals(101, engine.answer("status").get("status").get("mix").get(2).get("velocity").asInt());
            ObjectNode refused = engine.answer("mix 5 mute on");
            assertFalse(refused.get("ok").asBoolean());
            assertEquals("PART takes 1..4, not \"5\"", refused.get("error").asText());

            assertEquals(0, engine.answer("phrases").get("phrases").size());
            assertEquals(0, status.get("phraseSequence").asLong());
            Part melody = new Part("melody", 0, 0, -1, 16);
            melody.addNote(new Note(60, 0, 4, 90));
            melody.addNote(new Note(64, 8, 8, 90));
            session.generator().submit(new CapturedPhrase(0, 0, melody, System.nanoTime(), true, 16));
            await("the phrase accompanied", () -> engine.answer("phrases 0").get("phrases").size() == 1);
            JsonNode phrase = engine.answer("phrases 0").get("phrases").get(0);
            assertEquals(1, phrase.get("sequence").asLong());
            assertEquals(1, phrase.get("bars").asInt());
            assertEquals(16, phrase.get("steps").asInt());
            assertEquals(5, phrase.get("parts").size(), "the melody and four parts");
            assertEquals("[[60,0,4,90],[64,8,8,90]]", phrase.get("parts").get(0).get("notes").toString());
            assertEquals(0, phrase.get("parts").get(2).get("notes").size(), "part 2 is muted");
            assertEquals(1, engine.answer("status").get("status").get("phraseSequence").asLong());
            assertEquals(0, engine.answer("phrases 1").get("phrases").size());
            assertEquals("phrases takes the last sequence number seen, not \"x\"",
                    engine.answer("phrases x").get("error").asText());

            assertFalse(engine.answer("status").get("status").has("studio"));
            engine.showStudio("http://127.0.0.1:1/?token=t");
            assertEquals("http://127.0.0.1:1/?token=t", engine.answer("status").get("status").get("studio").asText());
        }
    }

    @Test
    void aLostServiceIsReleasedAndReconnectedWhenItComesBack() throws Exception {
        try (Engine engine = new Engine(new PresetCatalog(presets))) {
            Backends backends = new Backends(true, false, true);
            Session session = engine.open(settings("lost", true), TinyModels.preset(5), backends);
            backends.made.get(0).loseService();
            await("the dead connection is released", () -> backends.made.get(0).closed());
            await("a new connection after a failed attempt", () -> backends.made.size() == 3
                    && session.state() == SessionState.RUNNING);
            assertTrue(backends.made.get(1).closed(), "the failed attempt leaves nothing open");
            assertFalse(backends.made.get(2).closed());
            assertEquals(backends.made.get(2), session.backend());
        }
    }

    @Test
    void aServiceNotYetRunningAtStartIsWaitedFor() throws Exception {
        try (Engine engine = new Engine(new PresetCatalog(presets))) {
            Backends backends = new Backends(false, true);
            Session session = engine.open(settings("early", true), TinyModels.preset(5), backends);
            assertEquals(SessionState.CONNECTING, session.state(), "open returns while the service is away");
            await("connected once the service runs", () -> session.state() == SessionState.RUNNING);
            assertEquals(backends.made.get(1), session.backend());
            assertTrue(backends.made.get(0).closed());
        }
    }

    @Test
    void withoutReconnectionALostServiceEndsTheSession() throws Exception {
        try (Engine engine = new Engine(new PresetCatalog(presets))) {
            Backends backends = new Backends(true);
            Session session = engine.open(settings("once", false), TinyModels.preset(5), backends);
            backends.made.get(0).loseService();
            assertEquals(Session.Outcome.SERVICE_LOST, session.awaitEnd());
            assertTrue(backends.made.get(0).closed());
            assertEquals(1, backends.made.size(), "no reconnection attempt");
            assertTrue(engine.sessions().isEmpty());
        }
    }

    @Test
    void aFirstConnectionThatFailsWithoutReconnectionIsAnErrorAndLeavesNoSession() throws Exception {
        try (Engine engine = new Engine(new PresetCatalog(presets))) {
            Backends backends = new Backends(false);
            BackendException error = assertThrows(BackendException.class,
                    () -> engine.open(settings("none", false), TinyModels.preset(5), backends));
            assertEquals("the scripted service is not running", error.getMessage());
            assertTrue(backends.made.get(0).closed());
            assertTrue(engine.sessions().isEmpty());
        }
    }

    @Test
    void aSessionStillConnectingStopsWithoutEverHoldingABackend() throws Exception {
        try (Engine engine = new Engine(new PresetCatalog(presets))) {
            Backends backends = new Backends(false);
            Session session = engine.open(settings("waiting", true), TinyModels.preset(5), backends);
            assertEquals(SessionState.CONNECTING, session.state());
            ObjectNode reply = new ControlCommands(engine).answer("stop");
            assertFalse(reply.has("error"));
            assertEquals(Session.Outcome.STOPPED, session.awaitEnd());
            assertNull(session.backend());
            assertTrue(backends.made.stream().allMatch(ScriptedBackend::closed));
        }
    }

    @Test
    void stoppingSendsAllNotesOffBeforeThePortsClose() throws Exception {
        try (Engine engine = new Engine(new PresetCatalog(presets))) {
            Backends backends = new Backends(true);
            Session session = engine.open(settings("quiet", false), TinyModels.preset(5), backends);
            ScriptedBackend backend = backends.made.get(0);
            // All Notes Off goes to the channels used, so wait until the parts' programs have gone out on theirs.
            await("the programs went out", () -> backend.statusBytes.stream().anyMatch(s -> (s & 0xF0) == 0xC0));
            session.stop();
            session.awaitEnd();
            assertTrue(backend.closed());
            assertTrue(backend.statusBytes.stream().anyMatch(status -> (status & 0xF0) == 0xB0),
                    "All Notes Off went out before the ports closed: " + backend.statusBytes);
        }
    }

    @Test
    void damagedPresetsAreRefusedInOneLineAndTheSessionPlaysOn() throws Exception {
        TinyModels.preset(7).save(presets.resolve("good"));
        TinyModels.preset(7).save(presets.resolve("null"));
        Files.writeString(presets.resolve("null").resolve("preset.json"), "null");
        TinyModels.preset(7).save(presets.resolve("zero"));
        Files.delete(presets.resolve("zero").resolve("weights.bin"));
        Files.createSymbolicLink(presets.resolve("zero").resolve("weights.bin"), Path.of("/dev/zero"));
        try (Engine engine = new Engine(new PresetCatalog(presets))) {
            Session session = engine.open(settings("steady", false), TinyModels.preset(5), new Backends(true));
            ControlCommands control = new ControlCommands(engine);
            String nullError = control.answer("preset null").get("error").asText();
            assertTrue(nullError.endsWith("preset.json: not a valid preset manifest (it is null)"), nullError);
            String zeroError = control.answer("preset zero").get("error").asText();
            assertTrue(zeroError.endsWith("weights.bin: not a regular file)"), zeroError);
            assertFalse(zeroError.contains("\n"));
            assertEquals(zeroError, control.answer("status").get("status").get("lastError").asText()
                    .replace("Preset \"zero\": ", ""), "ctl status shows the last failure");
            assertFalse(control.answer("preset good").has("error"));
            assertEquals("tiny", session.generator().presetName());
            long cycles = session.engineStatus().cycles();
            await("the session still runs", () -> session.engineStatus().cycles() > cycles);
            assertEquals(SessionState.RUNNING, session.state());
        }
    }
}
