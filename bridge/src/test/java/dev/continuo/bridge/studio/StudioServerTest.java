package dev.continuo.bridge.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import dev.continuo.engine.testing.TinyModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio's HTTP API on a real server, with a tiny preset in a user presets folder. */
class StudioServerTest {

    private static final String TOKEN = "secret-token";
    private static final String MELODY = """
            {"preset":"tiny","seed":3,"density":null,"noiseScale":1,"variations":2,"bpm":90,"beatsPerBar":3,
             "steps":24,"notes":[{"pitch":67,"start":0,"length":4,"velocity":90},
             {"pitch":69,"start":4,"length":4,"velocity":90},{"pitch":71,"start":8,"length":8,"velocity":90}],
             "parts":null}""";

    @TempDir
    Path presets;

    private StudioServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        TinyModels.preset(5).save(presets.resolve("tiny"));
        PresetCatalog catalog = new PresetCatalog(presets);
        server = StudioServer.start(0, TOKEN, new StudioGenerator(catalog), new PresetList(catalog),
                new TrainingJobs(presets, null, () -> { }), EngineLink.socket(presets.resolve("no-daemon.sock")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Cookie", AccessGuard.cookieName(server.port()) + "=" + TOKEN);
    }

    private HttpRequest.Builder post(String path, byte[] body) {
        return request(path).header("Origin", "http://127.0.0.1:" + server.port())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void theUrlCarriesTheTokenAndTheFirstRequestSetsTheCookie() throws Exception {
        assertEquals("http://127.0.0.1:" + server.port() + "/?token=" + TOKEN, server.url());
        HttpResponse<byte[]> page = send(HttpRequest.newBuilder(URI.create(server.url())));
        assertEquals(200, page.statusCode());
        assertTrue(text(page).contains("Continuo Studio"));
        assertEquals(List.of(AccessGuard.cookieName(server.port()) + "=" + TOKEN
                + "; Path=/; HttpOnly; SameSite=Strict"), page.headers().allValues("Set-Cookie"));
        assertEquals(200, send(request("/studio.js")).statusCode(), "the cookie alone lets page files through");
        assertEquals(200, send(request("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")).statusCode(),
                "the chart library comes from the jar");
    }

    @Test
    void pagesFilesAndTheApiAreRefusedWithoutTheToken() throws Exception {
        for (String path : List.of("/", "/studio.js", "/api/presets", "/api/results/1/midi")) {
            HttpResponse<byte[]> refused = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + path)));
            assertEquals(403, refused.statusCode(), path);
            assertEquals("this studio needs its token: open the URL that continuo studio printed\n", text(refused));
        }
    }

    @Test
    void aForeignHostOrOriginIsRefused() throws Exception {
        RawHttp.Answer rebound = RawHttp.get(server.port(), "/?token=" + TOKEN, "Host: evil.example:"
                + server.port());
        assertEquals(403, rebound.status());
        assertTrue(rebound.body().startsWith("Host \"evil.example:"), rebound.body());

        HttpResponse<byte[]> crossSite = send(request("/api/generate").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(MELODY)));
        assertEquals(403, crossSite.statusCode());
        assertEquals("requests from the page of \"https://evil.example\" are not allowed\n", text(crossSite));
    }

    @Test
    void theTrainingEventsSocketOpensForTheStudiosOwnPageOnly() throws Exception {
        String upgrade = "Host: 127.0.0.1:" + server.port() + "\r\nCookie: " + AccessGuard.cookieName(server.port())
                + "=" + TOKEN + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13"
                + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
        RawHttp.Answer foreign = RawHttp.get(server.port(), "/api/training/events", upgrade,
                "Origin: https://evil.example");
        assertEquals(403, foreign.status(), foreign.headers()); // the refusal's reason goes to the studio's log
        RawHttp.Answer noToken = RawHttp.get(server.port(), "/api/training/events",
                upgrade.replace(TOKEN, "guess"), "Origin: http://127.0.0.1:" + server.port());
        assertEquals(403, noToken.status(), noToken.headers());

        HttpClient client = HttpClient.newHttpClient();
        java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket socket = client.newWebSocketBuilder()
                .header("Cookie", AccessGuard.cookieName(server.port()) + "=" + TOKEN)
                .header("Origin", "http://127.0.0.1:" + server.port())
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/training/events"),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
                                    CharSequence data, boolean last) {
                                first.complete(data.toString());
                                return null;
                            }
                        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("{\"status\":{\"state\":\"idle\",\"progress\":null,\"log\":[]}}",
                first.get(10, java.util.concurrent.TimeUnit.SECONDS));
        socket.abort();
    }

    @Test
    void presetsAreListedWithTheirParts() throws Exception {
        JsonNode list = json.readTree(send(request("/api/presets")).body());
        JsonNode tiny = null;
        for (JsonNode preset : list) {
            if (preset.get("name").asText().equals("tiny")) {
                tiny = preset;
            }
        }
        assertTrue(tiny != null, list.toString());
        assertEquals(4, tiny.get("parts").size());
        assertTrue(tiny.get("parts").get(0).get("controls").has("velocity"));
    }

    @Test
    void generateAnswersEachVariationAsARollAndKeepsItsMidiFile() throws Exception {
        HttpResponse<byte[]> answer = send(post("/api/generate", MELODY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, answer.statusCode(), text(answer));
        JsonNode results = json.readTree(answer.body()).get("results");
        assertEquals(2, results.size());
        assertEquals(3, results.get(0).get("seed").asLong());
        assertEquals(4, results.get(1).get("seed").asLong());
        JsonNode roll = results.get(0).get("roll");
        assertEquals(24, roll.get("steps").asInt());
        assertEquals(90.0, roll.get("bpm").asDouble(), 0.01);
        assertEquals("[0,12]", roll.get("barStarts").toString());
        assertEquals(5, roll.get("parts").size(), "melody and four parts");
        assertEquals("[[67,0,4,90],[69,4,4,90],[71,8,8,90]]", roll.get("parts").get(0).get("notes").toString());
        assertEquals(7, roll.get("scale").size());

        HttpResponse<byte[]> file = send(request("/api/results/" + results.get(0).get("id").asText() + "/midi"));
        assertEquals(200, file.statusCode());
        assertEquals("audio/midi", file.headers().firstValue("Content-Type").orElseThrow());
        PianoRoll read = new MidiFileReader().read(file.body(), "download");
        assertEquals(List.of(67, 69, 71), read.part(0).notes().stream().map(Note::pitch).toList());
        int drawnParts = 0;
        for (int part = 1; part < 5; part++) {
            drawnParts += roll.get("parts").get(part).get("notes").size() > 0 ? 1 : 0;
        }
        assertEquals(1 + drawnParts, read.parts().size(), "the melody and each part with notes");
    }

    @Test
    void badRequestsGetOneLineAndNothingIsGenerated() throws Exception {
        String empty = MELODY.replaceFirst("\"notes\":\\[[^]]*]", "\"notes\":[]");
        HttpResponse<byte[]> noMelody = send(post("/api/generate", empty.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, noMelody.statusCode());
        assertEquals("the melody is empty: play or open one first\n", text(noMelody));

        HttpResponse<byte[]> badPreset = send(post("/api/generate",
                MELODY.replace("\"tiny\"", "\"../etc\"").getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, badPreset.statusCode());
        assertEquals("no preset named \"../etc\"\n", text(badPreset));

        HttpResponse<byte[]> tooMany = send(post("/api/generate",
                MELODY.replace("\"variations\":2", "\"variations\":99").getBytes(StandardCharsets.UTF_8)));
        assertEquals("variations take 1-8, not 99\n", text(tooMany));

        HttpResponse<byte[]> garbled = send(post("/api/generate", "{\"preset\":".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, garbled.statusCode());
        assertEquals(1, text(garbled).lines().count(), text(garbled));

        HttpResponse<byte[]> missing = send(request("/api/results/999/midi"));
        assertEquals(400, missing.statusCode());
        assertEquals("no result 999 (generate again)\n", text(missing));
    }

    @Test
    void liveCommandsWithoutADaemonOrWithABadPresetNameGetOneLine() throws Exception {
        HttpResponse<byte[]> panic = send(post("/api/live/panic", "{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(409, panic.statusCode());
        assertEquals("no Continuo daemon answers on " + presets.resolve("no-daemon.sock")
                + " (start it with continuo serve)\n", text(panic));
        HttpResponse<byte[]> preset = send(post("/api/live/preset",
                "{\"name\":\"../x\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, preset.statusCode());
        assertEquals("no preset named \"../x\"\n", text(preset));
    }

    @Test
    void anOpenedMidiFileGivesItsMelodyAndABrokenOneOneLine() throws Exception {
        Part tune = new Part("Tune", 0, 73, 0, 32);
        tune.addNote(new Note(72, 0, 8, 100));
        tune.addNote(new Note(74, 8, 8, 100));
        PianoRoll roll = new PianoRoll(4, 32, List.of(tune), List.of(new TempoChange(0, 600_000)), List.of());
        HttpResponse<byte[]> opened = send(post("/api/melody", new MidiFileWriter().toBytes(roll, "Tune")));
        assertEquals(200, opened.statusCode(), text(opened));
        JsonNode melody = json.readTree(opened.body());
        assertEquals("[[72,0,8,100],[74,8,8,100]]", melody.get("notes").toString());
        assertEquals(100.0, melody.get("bpm").asDouble(), 0.01);
        assertEquals(4, melody.get("beatsPerBar").asInt());

        HttpResponse<byte[]> broken = send(post("/api/melody", "not midi".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, broken.statusCode());
        assertEquals(1, text(broken).lines().count(), text(broken));
    }
}
