package dev.continuo.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuo.bridge.serve.ControlClient;
import dev.continuo.bridge.serve.ControlSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code continuo ctl}: talks to the running daemon over its control socket. */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = {"Control the running daemon: sessions, status, preset NAME, mix PART mute|solo on|off, mix PART "
            + "octave -2..2, mix PART velocity 1..127 (PART 1-4; as the control CCs), panic (all notes off), stop.",
            "With several sessions (plug-in instances besides serve), address one with --session ID."})
final class CtlCommand implements Callable<Integer> {

    /** Time the daemon gets to answer; a preset switch waits for the preset to load. */
    private static final long ANSWER_MILLIS = 5000;
    private static final long PRESET_MILLIS = 75_000;

    @Parameters(index = "0", paramLabel = "COMMAND", description = "sessions, status, preset, mix, panic or stop.")
    String command;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARG",
            description = "The preset's name for preset; PART WHAT VALUE for mix.")
    List<String> arguments = List.of();

    @Option(names = "--socket", paramLabel = "PATH", description = "Control socket (default: ${DEFAULT-VALUE}).")
    Path socket = ControlSocket.defaultPath();

    @Option(names = "--session", paramLabel = "ID",
            description = "The session to address (see continuo ctl sessions); without it: the only session, "
                    + "or for panic and stop all of them.")
    String session;

    @Option(names = "--json", description = "Print the daemon's JSON answer as it is.")
    boolean json;

    @Override
    public Integer call() throws BadInputException {
        JsonNode reply;
        try {
            String line = String.join(" ", command, String.join(" ", arguments)).strip();
            reply = ControlClient.send(socket, session == null ? line : "@" + session + " " + line,
                    "preset".equals(command) ? PRESET_MILLIS : ANSWER_MILLIS);
        } catch (ControlClient.NoAnswerException e) {
            throw new BadInputException(e.getMessage());
        } catch (IOException e) {
            throw new BadInputException("no Continuo daemon answers on " + socket + " (is \"continuo serve\" "
                    + "running?)");
        }
        if (json) {
            System.out.println(reply);
        } else if (reply.has("status") && "plugin".equals(reply.get("status").path("kind").asText())) {
            printPlugin(reply.get("status"));
        } else if (reply.has("status")) {
            JsonNode status = reply.get("status");
            System.out.printf("preset %s, clock %s (%s), bar %s, %.0f bpm%n", status.path("preset").asText(),
                    status.path("clock").asText().toLowerCase(Locale.ROOT),
                    status.path("rolling").asBoolean() ? "playing" : "stopped", barBeat(status),
                    status.path("beatsPerMinute").asDouble());
            System.out.printf("phrase %d, pass %d; %d phrases accompanied; notes in %d, sounding %d%n",
                    status.path("phrase").asLong() + 1, status.path("pass").asInt(),
                    status.path("phrasesAccompanied").asLong(), status.path("notesIn").asLong(),
                    status.path("soundingNotes").asInt());
            System.out.printf("ports %s; cycle load %.1f %% (worst %.1f %%), %d xruns%n",
                    status.path("ports").asText(), 100 * status.path("cycleLoadAverage").asDouble(),
                    100 * status.path("cycleLoadWorst").asDouble(), status.path("xruns").asLong());
            if (status.has("mix")) {
                System.out.println("mix: " + mix(status.get("mix")));
            }
            if (status.has("studio")) {
                System.out.println("studio: " + status.path("studio").asText());
            }
            if (status.has("timebaseMaster")) {
                System.out.println("timebase master: " + switch (status.path("timebaseMaster").asText()) {
                    case "held" -> "Continuo";
                    case "taken" -> "another client (Continuo takes the role back when it is released)";
                    default -> "not available";
                });
            }
            if (status.has("lastError")) {
                System.out.printf("last error (%s): %s%n", status.path("lastErrorAt").asText(),
                        status.path("lastError").asText());
            }
        } else if (reply.has("sessions")) {
            for (JsonNode each : reply.get("sessions")) {
                System.out.printf("session %s: %s, %s, preset %s, %s%n", each.path("id").asText(),
                        each.path("name").asText(), each.path("state").asText().toLowerCase(Locale.ROOT),
                        each.path("preset").asText(), each.has("link") ? "plug-in link " + each.path("link").asText()
                                : "backend " + each.path("backend").asText("-"));
            }
        }
        if (!reply.path("ok").asBoolean()) {
            throw new BadInputException(reply.path("error").asText("the daemon refused the command"));
        }
        return Continuo.OK;
    }

    private static void printPlugin(JsonNode status) {
        System.out.printf("plug-in session %s (%s): preset %s, %d-bar phrases, link %s%n",
                status.path("session").asText(), status.path("name").asText(), status.path("preset").asText(),
                status.path("bars").asInt(), status.path("link").asText());
        System.out.printf("blocks in %d, notes in %d; %d phrases accompanied, %d sent, %d waiting for room%n",
                status.path("blocksIn").asLong(), status.path("notesIn").asLong(),
                status.path("phrasesAccompanied").asLong(), status.path("phrasesSent").asLong(),
                status.path("phrasesWaiting").asInt());
        if (status.has("lastError")) {
            System.out.printf("last error (%s): %s%n", status.path("lastErrorAt").asText(),
                    status.path("lastError").asText());
        }
    }

    /** Each part as "1 Soprano muted velocity 80", "3 Tenor octave -1 velocity 100": its number, name and controls. */
    private static String mix(JsonNode parts) {
        List<String> described = new ArrayList<>();
        int number = 1;
        for (JsonNode part : parts) {
            StringBuilder text = new StringBuilder().append(number++).append(' ').append(part.path("name").asText());
            if (part.path("muted").asBoolean()) {
                text.append(" muted");
            }
            if (part.path("solo").asBoolean()) {
                text.append(" solo");
            }
            if (part.path("octave").asInt() != 0) {
                text.append(" octave ").append(String.format(Locale.ROOT, "%+d", part.path("octave").asInt()));
            }
            text.append(" velocity ").append(part.path("velocity").asInt());
            described.add(text.toString());
        }
        return String.join(", ", described);
    }

    private static String barBeat(JsonNode status) {
        return status.path("barBeat").asText("-");
    }
}
