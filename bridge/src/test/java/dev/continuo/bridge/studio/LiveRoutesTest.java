package dev.continuo.bridge.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.realtime.ClockSource;
import dev.continuo.bridge.realtime.EngineOptions;
import dev.continuo.bridge.serve.CapturedPhrase;
import dev.continuo.bridge.serve.Engine;
import dev.continuo.bridge.serve.ScriptedBackend;
import dev.continuo.bridge.serve.Session;
import dev.continuo.bridge.serve.SessionSettings;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.testing.TinyModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page's API on a real studio server in the engine's own JVM ({@code serve --studio}), two sessions on
 * substitute backends behind it: the session shown is chosen, the mix turned on that one only, its phrases pushed.
 */
class LiveRoutesTest {

    private static final String TOKEN = "live-token";

    @TempDir
    Path presets;

    private Engine engine;
    private StudioServer server;
    private WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private static SessionSettings settings(String name) {
        return new SessionSettings(name, new EngineOptions(PortLayout.SINGLE, ClockSource.INTERNAL, 1, 120, 0, false,
                false, -1, 15), "tiny", GenerationSettings.defaults(), false, false, null);
    }

    @BeforeEach
    void start() throws Exception {
        TinyModels.preset(5).save(presets.resolve("tiny"));
        PresetCatalog catalog = new PresetCatalog(presets);
        engine = new Engine(catalog);
        server = StudioServer.start(0, TOKEN, new StudioGenerator(catalog), new PresetList(catalog),
                new TrainingJobs(presets, null, () -> { }), EngineLink.inProcess(engine));
    }

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.abort();
        }
        server.close();
        engine.close();
    }

    private void listen() throws Exception {
        StringBuilder partial = new StringBuilder();
        socket = http.newWebSocketBuilder()
                .header("Cookie", AccessGuard.cookieName(server.port()) + "=" + TOKEN)
                .header("Origin", "http://127.0.0.1:" + server.port())
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/live/events"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    try {
                                        messages.add(json.readTree(partial.toString()));
                                    } catch (java.io.IOException e) {
                                        throw new AssertionError(e);
                                    }
                                    partial.setLength(0);
                                }
                                webSocket.request(1);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
    }

    /** The first message pushed from now on that satisfies {@code condition}. */
    private JsonNode await(String what, Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && condition.test(message)) {
                return message;
            }
        }
        throw new AssertionError("never pushed: " + what);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Cookie", AccessGuard.cookieName(server.port()) + "=" + TOKEN)
                .header("Origin", "http://127.0.0.1:" + server.port())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theChosenSessionIsShownItsMixTurnedAndItsPhrasesPushed() throws Exception {
        Session one = engine.open(settings("one"), TinyModels.preset(5), () -> new ScriptedBackend(true));
        Session two = engine.open(settings("two"), TinyModels.preset(5), () -> new ScriptedBackend(true));
        listen();
        JsonNode first = await("the first session", m -> "1".equals(m.path("session").asText()));
        assertEquals(2, first.get("sessions").size());
        assertEquals("this continuo serve", first.get("where").asText());
        assertEquals("one", first.get("status").get("name").asText());

        assertEquals(200, post("/api/live/session", "{\"id\":\"2\"}").statusCode());
        await("the second session", m -> "two".equals(m.path("status").path("name").asText()));
        HttpResponse<String> muted = post("/api/live/mix", "{\"part\":2,\"control\":\"mute\",\"value\":\"on\"}");
        assertEquals(200, muted.statusCode(), muted.body());
        await("part 2 of session 2 muted", m -> m.path("status").path("mix").path(1).path("muted").asBoolean());
        assertTrue(two.generator().settings().mix().parts().get(1).muted());
        assertFalse(one.generator().settings().mix() != null
                && one.generator().settings().mix().parts().get(1).muted(), "the other session's mix stays");

        Part melody = new Part("melody", 0, 0, -1, 16);
        melody.addNote(new Note(62, 0, 8, 90));
        two.generator().submit(new CapturedPhrase(0, 0, melody, System.nanoTime(), true, 16));
        JsonNode phrases = await("the phrase", m -> m.has("phrases") && m.get("phrases").size() == 1);
        JsonNode phrase = phrases.get("phrases").get(0);
        assertEquals(1, phrase.get("sequence").asLong());
        assertEquals("[[62,0,8,90]]", phrase.get("parts").get(0).get("notes").toString());
        assertEquals(0, phrase.get("parts").get(2).get("notes").size(), "part 2 plays muted");

        HttpResponse<String> badValue = post("/api/live/mix", "{\"part\":2,\"control\":\"mute\",\"value\":\"x y\"}");
        assertEquals(400, badValue.statusCode());
        assertEquals("a mix value is on, off or a number, not \"x y\"\n", badValue.body());
        assertEquals("a mix value is on, off or a number, not \"on?\"\n", post("/api/live/mix",
                "{\"part\":2,\"control\":\"mute\",\"value\":\"on\\n\"}").body(), "kept to one printable line");
        HttpResponse<String> refused = post("/api/live/mix", "{\"part\":2,\"control\":\"octave\",\"value\":\"7\"}");
        assertEquals(400, refused.statusCode());
        assertEquals("octave takes -2..2, not \"7\"\n", refused.body(), "the engine's own reason");
        assertEquals(400, post("/api/live/session", "{\"id\":\"2; stop\"}").statusCode());
    }
}
