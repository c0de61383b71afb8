package dev.continuo.bridge.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.bridge.realtime.EngineStatus;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.preset.PartControls;
import dev.continuo.engine.preset.PartSpec;
import java.util.List;
import java.util.Locale;

/** The control protocol's JSON for one session of either kind: a line of {@code sessions}, or {@code status}. */
final class SessionStatus {

    private SessionStatus() {
    }

    /** id, name, kind, state, preset, and the backend (backend sessions) or the link file (plug-in sessions). */
    static ObjectNode summary(ObjectNode node, EngineSession session) {
        node.put("id", session.id());
        node.put("name", session.name());
        node.put("kind", session.kind());
        node.put("state", session.state().name());
        node.put("preset", session.presetName());
        if (session instanceof Session backendSession) {
            MidiBackend backend = backendSession.backend();
            node.put("backend", backend == null ? null : backend.kind().id());
        } else if (session instanceof PluginSession plugin) {
            node.put("link", plugin.link().toString());
        }
        return node;
    }

    /** Everything {@code status} reports about {@code session}. */
    static ObjectNode of(ObjectMapper json, EngineSession session) {
        ObjectNode node;
        LastError.Entry error;
        if (session instanceof Session backendSession) {
            node = backend(json, backendSession);
            error = backendSession.lastError();
        } else {
            PluginSession plugin = (PluginSession) session;
            node = plugin(json.createObjectNode(), plugin);
            error = plugin.lastError();
        }
        if (error != null) {
            node.put("lastError", error.message());
            node.put("lastErrorAt", error.at().toString());
        }
        node.put("phrasesAccompanied", session.latencies().count());
        node.put("readyMillisP50", session.latencies().quantile(0.5));
        node.put("phraseSequence", session.phrases().newest());
        return node;
    }

    private static ObjectNode backend(ObjectMapper json, Session session) {
        EngineStatus status = session.engineStatus();
        ObjectNode node = json.valueToTree(status);
        node.put("session", session.id());
        node.put("name", session.name());
        node.put("kind", session.kind());
        node.put("state", session.state().name());
        node.put("barBeat", status.barBeat());
        node.put("preset", session.presetName());
        mix(node.putArray("mix"), session);
        MidiBackend backend = session.backend();
        node.put("ports", String.join(" ", backend == null ? List.of() : backend.portNames()));
        TempoMaster.Role tempoRole = session.tempoRole();
        if (tempoRole != null) {
            node.put("timebaseMaster", tempoRole.name().toLowerCase(Locale.ROOT));
        }
        if (backend != null) {
            node.put("cycleLoadAverage", backend.load().averageShare());
            node.put("cycleLoadWorst", backend.load().worstShare());
            node.put("callbackFailures", backend.load().failures());
            node.put("xruns", backend.load().xruns());
        }
        return node;
    }

    /** Each part's name and controls as the session plays them now (the preset's until the mix is turned). */
    private static void mix(ArrayNode list, Session session) {
        PhraseGenerator generator = session.generator();
        Mix mix = generator.settings().mix() != null ? generator.settings().mix() : generator.presetMix();
        List<PartSpec> specs = generator.presetManifest().parts();
        for (int part = 0; part < mix.parts().size(); part++) {
            PartControls controls = mix.parts().get(part);
            list.addObject().put("name", specs.get(part).name()).put("muted", controls.muted())
                    .put("solo", controls.solo()).put("octave", controls.octave())
                    .put("velocity", controls.velocity()).put("audible", mix.audible(part));
        }
    }

    private static ObjectNode plugin(ObjectNode node, PluginSession session) {
        node.put("session", session.id());
        node.put("name", session.name());
        node.put("kind", session.kind());
        node.put("state", session.state().name());
        node.put("preset", session.presetName());
        node.put("bars", session.bars());
        node.put("link", session.link().toString());
        node.put("blocksIn", session.reader().blocks());
        node.put("notesIn", session.reader().notes());
        node.put("recordsIgnored", session.reader().ignored());
        node.put("phrasesRestored", session.reader().restored());
        node.put("phrasesSent", session.publisher().published());
        node.put("phrasesWaiting", session.publisher().waiting());
        node.put("phrasesTooLarge", session.publisher().tooLarge());
        node.put("linkCorrupt", session.linkFile().toEngine().corrupt() + session.linkFile().toPlugin().corrupt());
        node.put("engineHeartbeat", session.linkFile().engineBeat());
        node.put("pluginHeartbeat", session.linkFile().pluginBeat());
        return node;
    }
}
