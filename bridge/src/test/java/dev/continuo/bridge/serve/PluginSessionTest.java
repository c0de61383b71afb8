package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuo.bridge.plugin.FakePlugin;
import dev.continuo.bridge.plugin.LinkLayout;
import dev.continuo.bridge.plugin.LinkRecord;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plug-in sessions end to end in Java: a fake plug-in on the link file, a real engine with the tiny preset. */
class PluginSessionTest {

    private static final int RATE = 48000;
    private static final int FRAMES = 512;
    private static final double BPM = 120;
    private static final double BLOCK_BEATS = FRAMES * BPM / 60 / RATE;

    @TempDir
    Path presets;
    @TempDir
    Path run;

    private Engine engine() throws Exception {
        TinyModels.preset(5).save(presets.resolve("tiny"));
        Engine engine = new Engine(new PresetCatalog(presets));
        engine.listen(run.resolve("ctl.sock"));
        engine.usePluginDefaults(new PluginSettings("tiny", 1, GenerationSettings.defaults().withThreshold(-0.5)));
        return engine;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Blocks from {@code fromBeat} to {@code toBeat}, with a quarter note of the melody on every beat. */
    private static void play(FakePlugin plugin, double fromBeat, double toBeat, int[] melody) {
        int flags = LinkLayout.ROLLING | LinkLayout.POSITION;
        for (double beat = fromBeat; beat < toBeat; beat += BLOCK_BEATS) {
            plugin.send(new LinkRecord().set(LinkLayout.BLOCK, flags, 4, 4, 0, FRAMES, RATE, beat, BPM));
            flags = LinkLayout.ROLLING | LinkLayout.POSITION;
            for (int index = 0; index < melody.length; index++) {
                for (double at : new double[] {index, index + 0.75}) {
                    if (at >= beat && at < beat + BLOCK_BEATS) {
                        plugin.send(new LinkRecord().set(LinkLayout.NOTE, 0, at == index ? 0x90 : 0x80,
                                melody[index], at == index ? 96 : 0, (long) ((at - beat) / BLOCK_BEATS * FRAMES),
                                0, at, 0));
                    }
                }
            }
            plugin.beat();
        }
    }

    @Test
    void aPluginSessionCapturesAPhraseAndSendsItsAccompanimentBack() throws Exception {
        try (Engine engine = engine()) {
            ControlCommands control = new ControlCommands(engine);
            ObjectNode opened = control.answer("plugin-open Bass-Track_1 tiny 2");
            assertTrue(opened.get("ok").asBoolean(), opened.toString());
            String id = opened.get("session").asText();
            Path link = Path.of(opened.get("link").asText());
            assertEquals(run.resolve("plugin-" + id + ".link").toAbsolutePath(), link);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(link)));
            FakePlugin plugin = new FakePlugin(link);
            assertEquals(LinkLayout.MAGIC, plugin.magic());

            int[] melody = {60, 62, 64, 65, 67, 65, 64, 62};
            play(plugin, 0, 8.5, melody);
            List<LinkRecord> received = new ArrayList<>();
            await("a committed phrase", () -> {
                plugin.beat();
                received.addAll(plugin.receive());
                return received.stream().anyMatch(record -> record.kind == LinkLayout.PHRASE_COMMIT);
            });

            LinkRecord begin = received.get(0);
            assertEquals(LinkLayout.PHRASE_BEGIN, begin.kind);
            assertEquals(0, begin.frames, "phrase index");
            assertEquals(0.0, begin.beat);
            assertEquals(8.0, begin.value, "two bars of 4/4");
            assertEquals(0, begin.flags, "a new take plays at once");
            PresetManifest manifest = TinyModels.preset(5).manifest();
            int[] programs = PhrasePatterns.programs(manifest);
            Set<Integer> channels = new HashSet<>();
            for (int part = 0; part < manifest.parts().size(); part++) {
                LinkRecord program = received.get(1 + part);
                assertEquals(LinkLayout.PHRASE_PROGRAM, program.kind);
                assertEquals(programs[2 * part], program.a, "channel of part " + part);
                assertEquals(programs[2 * part + 1], program.b, "program of part " + part);
                channels.add(programs[2 * part]);
            }
            int melodyAt = 1 + manifest.parts().size();
            for (int index = 0; index < melody.length; index++) {
                LinkRecord note = received.get(melodyAt + index);
                assertEquals(LinkLayout.PHRASE_MELODY, note.kind, "the melody goes back, for the host's state");
                assertEquals(melody[index], note.b);
                assertEquals(index, note.beat, "on its beat");
                assertEquals(index + 0.75, note.value, "three sixteenths long");
            }
            int notes = (int) begin.rate;
            assertTrue(notes > 0, "the tiny preset plays something at threshold -0.5");
            int first = melodyAt + melody.length;
            for (LinkRecord note : received.subList(first, first + notes)) {
                assertEquals(LinkLayout.PHRASE_NOTE, note.kind);
                assertTrue(channels.contains(note.a), "a part's channel: " + note.a);
                assertTrue(note.b < 128 && note.c >= 1 && note.c <= 127);
                assertTrue(note.beat >= 0 && note.beat < note.value && note.value <= 8.0,
                        "inside the phrase: " + note.beat + "–" + note.value);
            }
            LinkRecord commit = received.get(first + notes);
            assertEquals(LinkLayout.PHRASE_COMMIT, commit.kind);
            assertEquals(0, commit.frames);
            assertTrue(plugin.engineBeat() > 0, "the engine's heartbeat moves");

            JsonNode listed = control.answer("sessions").get("sessions").get(0);
            assertEquals("plugin", listed.get("kind").asText());
            assertEquals("Bass-Track_1", listed.get("name").asText());
            assertEquals("RUNNING", listed.get("state").asText());
            assertEquals(link.toString(), listed.get("link").asText());
            JsonNode status = control.answer("@" + id + " status").get("status");
            assertEquals("plugin", status.get("kind").asText());
            assertEquals(2, status.get("bars").asInt());
            assertEquals(16, status.get("notesIn").asInt(), "eight notes on, eight off");
            assertEquals(1, status.get("phrasesAccompanied").asInt());
            assertEquals(0, status.get("linkCorrupt").asInt());

            ObjectNode closed = control.answer("plugin-close " + id);
            assertTrue(closed.get("ok").asBoolean(), closed.toString());
            await("the session is gone", () -> engine.sessions().isEmpty());
            assertTrue(plugin.closed(), "the plug-in is told");
            assertFalse(Files.exists(link));
            assertFalse(control.answer("plugin-close " + id).get("ok").asBoolean());
        }
    }

    private static void setting(FakePlugin plugin, int id, double value) {
        plugin.send(new LinkRecord().set(LinkLayout.SETTING, 0, id, 0, 0, 0, 0, 0, value));
    }

    /** What a plug-in sends when a link opens: every parameter at its default (the C core's table). */
    private static void defaultSettings(FakePlugin plugin) {
        double[] defaults = {1, 1, 0, 0, 0.5, 0, 1, 0, 0};
        for (int id = 0; id < LinkLayout.PARAMS; id++) {
            double value = id < defaults.length ? defaults[id] : id >= LinkLayout.PARAM_VELOCITY_1 ? 100 : 0;
            setting(plugin, id, value);
        }
    }

    @Test
    void aRestoredPhraseIsKeptUntilAParameterChangesAndThenReVoicedWithIt() throws Exception {
        try (Engine engine = engine()) {
            ObjectNode opened = new ControlCommands(engine).answer("plugin-open restored - 2");
            assertTrue(opened.get("ok").asBoolean(), opened.toString());
            PluginSession session = (PluginSession) engine.session(opened.get("session").asText());
            assertEquals(2, session.bars(), "\"-\" is the default preset");
            FakePlugin plugin = new FakePlugin(session.link());
            defaultSettings(plugin);
            int[] melody = {67, 65, 64, 62};
            plugin.send(new LinkRecord().set(LinkLayout.RESTORE_BEGIN, 0, 0, 0, 0, 1, melody.length, 8.0, 8.0));
            for (int index = 0; index < melody.length; index++) {
                plugin.send(new LinkRecord().set(LinkLayout.RESTORE_NOTE, 0, 0, melody[index], 90, 0, 0, 2 * index,
                        2 * index + 1.5));
            }
            plugin.send(new LinkRecord().set(LinkLayout.RESTORE_COMMIT, 0, 0, 0, 0, 1, 0, 0, 0));
            plugin.beat();
            await("the restored phrase", () -> session.reader().restored() == 1);

            setting(plugin, LinkLayout.PARAM_MUTE_1, 1); // a change: the restored phrase is re-voiced with it
            setting(plugin, LinkLayout.PARAM_PRESET, 9); // no 9th preset: refused, the rest still applies
            List<LinkRecord> received = new ArrayList<>();
            await("a re-voiced phrase", () -> {
                plugin.beat();
                received.addAll(plugin.receive());
                return received.stream().anyMatch(record -> record.kind == LinkLayout.PHRASE_COMMIT);
            });
            LinkRecord begin = received.get(0);
            assertEquals(LinkLayout.PHRASE_BEGIN, begin.kind, "nothing was generated for the restore itself");
            assertEquals(1, begin.frames);
            assertEquals(LinkLayout.WAIT_FOR_START, begin.flags, "re-voiced: from the phrase's next start");
            List<LinkRecord> melodyBack = received.stream().filter(r -> r.kind == LinkLayout.PHRASE_MELODY).toList();
            assertEquals(melody.length, melodyBack.size());
            for (int index = 0; index < melody.length; index++) {
                assertEquals(melody[index], melodyBack.get(index).b);
                assertEquals(2.0 * index, melodyBack.get(index).beat);
            }
            int mutedChannel = TinyModels.preset(5).manifest().parts().get(0).channel() - 1;
            assertTrue(received.stream().filter(r -> r.kind == LinkLayout.PHRASE_NOTE)
                    .noneMatch(r -> r.a == mutedChannel), "part 1 muted");
            assertTrue(session.lastError().message().contains("Program Change 9"), session.lastError().message());
            assertEquals("tiny", session.presetName());
        }
    }

    @Test
    void aPluginWhoseHeartbeatStandsStillIsClosedAndItsLinkDeleted() throws Exception {
        try (Engine engine = engine()) {
            PluginSession session = engine.openPlugin("silent", null, 0);
            assertEquals(1, session.bars(), "the engine's defaults");
            assertEquals("tiny", session.presetName());
            FakePlugin plugin = new FakePlugin(session.link());
            plugin.beat();
            assertEquals(Session.Outcome.SERVICE_LOST, session.awaitEnd());
            assertTrue(plugin.closed());
            assertFalse(Files.exists(session.link()));
            assertEquals(SessionState.CLOSED, session.state());
            await("the session is gone", () -> engine.sessions().isEmpty());
        }
    }

    @Test
    void pluginOpenRefusesABadNameOrBarsWithAOneLineError() throws Exception {
        try (Engine engine = engine()) {
            ControlCommands control = new ControlCommands(engine);
            ObjectMapper json = new ObjectMapper();
            for (String command : List.of("plugin-open", "plugin-open " + "n".repeat(65), "plugin-open bad\u0001name",
                    "plugin-open bad\u00e9", "plugin-open name tiny 0", "plugin-open name tiny two",
                    "plugin-open name tiny 2 extra", "plugin-open name missing-preset")) {
                ObjectNode reply = control.answer(command);
                assertFalse(reply.get("ok").asBoolean(), command);
                String error = reply.get("error").asText();
                assertFalse(error.isEmpty() || error.contains("\n"), command + ": " + error);
                assertFalse(json.writeValueAsString(reply).contains("\n"));
            }
            assertTrue(engine.sessions().isEmpty());
            try (var files = Files.list(run)) {
                assertEquals(List.of("ctl.sock"), files.map(file -> file.getFileName().toString()).toList());
            }
            ObjectNode longest = control.answer("plugin-open " + "n".repeat(64));
            assertTrue(longest.get("ok").asBoolean(), longest.toString());
        }
    }
}
