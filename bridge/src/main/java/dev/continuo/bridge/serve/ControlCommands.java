package dev.continuo.bridge.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The control protocol: {@code sessions}, and {@code status}, {@code preset NAME}, {@code mix …} (see
 * {@link MixControl}), {@code phrases [SINCE]}, {@code panic}, {@code stop}, each optionally addressed to one session
 * as {@code @ID COMMAND}. Unaddressed, {@code status}, {@code preset}, {@code mix} and {@code phrases} go to the only
 * session (with several, {@code status} lists them and the others ask which), {@code panic} silences every session
 * and {@code stop} stops the engine. {@code phrases SINCE} answers the kept accompaniments numbered above SINCE
 * ({@link PhraseHistory}), each with its melody first: {@code {"phrases":[{"sequence","phrase","bookIndex","bars",
 * "steps","parts":[{"name","channel","program","notes":[[pitch,start,length,velocity]…]}…]}…]}}.
 *
 * <p>A plug-in instance sends {@code plugin-open NAME [PRESET [BARS]]} (NAME: 1–64 printable ASCII characters, no
 * spaces; PRESET ("-" or left out) and BARS default to the engine's plug-in defaults) and is answered
 * {@code {"ok":true,"session":"ID","link":"PATH"}}, or {@code {"ok":false,"error":"…"}}; {@code plugin-close ID}
 * ends that plug-in session and deletes its link ({@code {"ok":true}}).
 */
final class ControlCommands implements ControlServer.Commands {

    private static final String USAGE = "sessions, [@ID] status, [@ID] preset NAME, [@ID] mix PART WHAT VALUE, "
            + "[@ID] phrases [SINCE], [@ID] panic, [@ID] stop, plugin-open NAME [PRESET [BARS]], plugin-close ID";
    private static final long MIX_SECONDS = 5;
    private static final int PLUGIN_NAME_CHARS = 64;
    private static final long PLUGIN_CLOSE_MILLIS = 1000;
    private static final long PRESET_LOAD_SECONDS = 60;

    private final Engine engine;
    private final ObjectMapper json = new ObjectMapper();

    ControlCommands(Engine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode answer(String command) {
        ObjectNode reply = json.createObjectNode();
        String sessionId = null;
        String rest = command.strip();
        if (rest.startsWith("@")) {
            String[] addressedWords = rest.split("\\s+", 2);
            sessionId = addressedWords[0].substring(1);
            rest = addressedWords.length > 1 ? addressedWords[1] : "";
        }
        String[] words = rest.split("\\s+", 2);
        String name = words[0];
        String argument = words.length > 1 ? words[1] : null;
        EngineSession addressed = sessionId == null ? null : engine.session(sessionId);
        if (sessionId != null && addressed == null) {
            return error(reply, "no session " + sessionId + " (" + describe(engine.sessions()) + ")");
        }
        switch (name) {
            case "sessions" -> reply.set("sessions", sessions());
            case "status" -> status(reply, addressed != null ? addressed : onlySession());
            case "preset" -> preset(reply, addressed != null ? addressed : onlySession(), argument);
            case "mix" -> mix(reply, addressed != null ? addressed : onlySession(), argument);
            case "phrases" -> phrases(reply, addressed != null ? addressed : onlySession(), argument);
            case "panic" -> (addressed != null ? List.of(addressed) : engine.sessions()).forEach(EngineSession::panic);
            case "stop" -> {
                if (addressed != null) {
                    addressed.stop();
                } else {
                    engine.stop();
                }
            }
            case "plugin-open" -> pluginOpen(reply, argument);
            case "plugin-close" -> pluginClose(reply, addressed != null ? addressed.id() : argument);
            default -> error(reply, "unknown command \"" + command + "\" (" + USAGE + ")");
        }
        return reply;
    }

    private void pluginOpen(ObjectNode reply, String argument) {
        String[] words = argument == null ? new String[0] : argument.strip().split("\\s+");
        if (words.length < 1 || words.length > 3 || !printable(words[0])) {
            refuse(reply, "plugin-open NAME [PRESET [BARS]], NAME 1–" + PLUGIN_NAME_CHARS
                    + " printable characters without spaces");
            return;
        }
        int bars = 0;
        if (words.length == 3) {
            try {
                bars = Integer.parseInt(words[2]);
            } catch (NumberFormatException e) {
                bars = -1;
            }
            if (bars < 1 || bars > 64) {
                refuse(reply, "plugin-open: BARS must be 1–64, not \"" + words[2] + "\"");
                return;
            }
        }
        try {
            String preset = words.length > 1 && !words[1].equals("-") ? words[1] : null;
            PluginSession session = engine.openPlugin(words[0], preset, bars);
            reply.put("ok", true);
            reply.put("session", session.id());
            reply.put("link", session.link().toString());
        } catch (IOException e) {
            refuse(reply, "plugin-open: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(reply, "interrupted");
        }
    }

    private static boolean printable(String name) {
        return !name.isEmpty() && name.length() <= PLUGIN_NAME_CHARS
                && name.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    private void pluginClose(ObjectNode reply, String id) {
        EngineSession session = id == null ? null : engine.session(id.strip());
        if (!(session instanceof PluginSession)) {
            refuse(reply, "plugin-close: no plug-in session " + id + " (" + describe(engine.sessions()) + ")");
            return;
        }
        session.stop();
        try {
            session.awaitClosed(PLUGIN_CLOSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reply.put("ok", true);
    }

    private static void refuse(ObjectNode reply, String message) {
        reply.put("ok", false);
        error(reply, message);
    }

    private EngineSession onlySession() {
        List<EngineSession> open = engine.sessions();
        return open.size() == 1 ? open.get(0) : null;
    }

    private void status(ObjectNode reply, EngineSession session) {
        if (session == null) {
            reply.set("sessions", sessions());
            return;
        }
        ObjectNode status = SessionStatus.of(json, session);
        if (engine.studioUrl() != null) {
            status.put("studio", engine.studioUrl());
        }
        reply.set("status", status);
    }

    private void mix(ObjectNode reply, EngineSession session, String argument) {
        MixControl control;
        try {
            control = MixControl.parse(argument);
        } catch (IllegalArgumentException e) {
            error(reply, e.getMessage());
            return;
        }
        if (session == null) {
            error(reply, "which session? " + describe(engine.sessions()) + "; address one as @ID mix …");
        } else if (!(session instanceof Session backendSession)) {
            error(reply, "a plug-in session's mix is its host's parameters: turn them in the plug-in");
        } else {
            try {
                backendSession.controlChange(control.controller(), control.value()).get(MIX_SECONDS,
                        TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                error(reply, "the mix did not change: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error(reply, "interrupted");
            }
        }
    }

    private void phrases(ObjectNode reply, EngineSession session, String argument) {
        long since;
        try {
            since = argument == null ? 0 : Long.parseLong(argument.strip());
        } catch (NumberFormatException e) {
            error(reply, "phrases takes the last sequence number seen, not \"" + argument.strip() + "\"");
            return;
        }
        if (session == null) {
            error(reply, "which session? " + describe(engine.sessions()) + "; address one as @ID phrases");
            return;
        }
        ArrayNode list = reply.putArray("phrases");
        for (PhraseHistory.Entry entry : session.phrases().since(since)) {
            PhraseJson.write(list.addObject(), entry, session.bars());
        }
    }

    private void preset(ObjectNode reply, EngineSession session, String name) {
        if (name == null) {
            error(reply, "preset needs a name");
        } else if (session == null) {
            error(reply, "which session? " + describe(engine.sessions()) + "; address one as @ID preset NAME");
        } else {
            try {
                session.usePreset(name).get(PRESET_LOAD_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                error(reply, e.getCause().getMessage());
            } catch (TimeoutException e) {
                error(reply, "preset \"" + name + "\" is still loading after " + PRESET_LOAD_SECONDS + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error(reply, "interrupted");
            }
        }
    }

    private ArrayNode sessions() {
        ArrayNode list = json.createArrayNode();
        engine.sessions().forEach(session -> SessionStatus.summary(list.addObject(), session));
        return list;
    }

    private static String describe(List<EngineSession> sessions) {
        if (sessions.isEmpty()) {
            return "no sessions are open";
        }
        StringBuilder text = new StringBuilder("sessions:");
        for (EngineSession session : sessions) {
            text.append(' ').append(session.id()).append(" (").append(session.name()).append(')');
        }
        return text.toString();
    }

    private static ObjectNode error(ObjectNode reply, String message) {
        reply.put("error", message);
        return reply;
    }
}
