package dev.continuo.bridge.cli;

import dev.continuo.bridge.backend.BackendException;
import dev.continuo.bridge.backend.BackendKind;
import dev.continuo.bridge.backend.Backends;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.bridge.backend.javasound.MidiDevices;
import dev.continuo.bridge.config.ClientName;
import dev.continuo.bridge.config.ConfigException;
import dev.continuo.bridge.config.ConfigFile;
import dev.continuo.bridge.config.ConfigUniqueIds;
import dev.continuo.bridge.config.ContinuoConfig;
import dev.continuo.bridge.config.DaemonLog;
import dev.continuo.bridge.config.Platform;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.realtime.ClockSource;
import dev.continuo.bridge.realtime.EngineOptions;
import dev.continuo.bridge.realtime.InternalClock;
import dev.continuo.bridge.serve.ControlSocket;
import dev.continuo.bridge.serve.Engine;
import dev.continuo.bridge.serve.Session;
import dev.continuo.bridge.serve.SessionSettings;
import dev.continuo.bridge.studio.EngineLink;
import dev.continuo.bridge.studio.StudioServer;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javax.sound.midi.MidiUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code continuo serve}: the real-time daemon. Registers a melody input and the accompaniment output, captures each
 * phrase, accompanies it in the background and plays the four parts in time whenever those bars play again.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the real-time engine: virtual MIDI ports for your DAW, locked to its tempo.",
            "Play a phrase into melody_in; the accompaniment plays on the next pass (the DAW's loop, or Continuo's "
                + "own loop when it is the clock).",
            "Backends: jack (Linux default), alsa, coremidi (macOS default), windows (loopMIDI's driver; Windows "
                + "default when installed), javasound (existing ports by name)."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5000;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "jack: virtual ports, transport, frame-accurate (default on Linux); alsa: an ALSA "
                    + "sequencer client; coremidi: virtual ports every Mac DAW sees (default on macOS); windows: "
                    + "virtual ports through loopMIDI's driver (default on Windows when installed); javasound: "
                    + "existing ports by name (--input, --output), e.g. a keyboard, loopMIDI or IAC.")
    String backend;

    @Option(names = "--input", paramLabel = "NAME",
            description = "javasound: the port the melody comes from (part of its name; see continuo ports).")
    String input;

    @Option(names = "--keyboard", paramLabel = "NAME",
            description = "Also listen to this keyboard directly as melody (part of its name; see continuo ports): "
                    + "for GarageBand, which cannot route a keyboard to Continuo.")
    String keyboard;

    @Option(names = "--output", paramLabel = "NAME",
            description = "javasound: the port the accompaniment goes to (part of its name).")
    String output;

    @Option(names = "--name", defaultValue = "continuo", paramLabel = "NAME",
            description = "Client name other applications see (default: ${DEFAULT-VALUE}).")
    String clientName;

    @Option(names = "--ports", defaultValue = "single", paramLabel = "single|split",
            description = "single: one output port, part k on channel k+1; split: ports part1…part4 "
                    + "(default: ${DEFAULT-VALUE}).")
    String ports;

    @Option(names = "--bars", defaultValue = "8", paramLabel = "N",
            description = "Bars per phrase (default: ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--clock", defaultValue = "auto", paramLabel = "auto|internal|jack|midi",
            description = "Where time comes from. auto: MIDI clock on melody_in if it arrives, else the JACK "
                    + "transport if a timebase master sets bar/beat/tempo, else Continuo's own clock "
                    + "(default: ${DEFAULT-VALUE}).")
    String clock;

    @Option(names = "--bpm", defaultValue = "120", paramLabel = "B",
            description = "Tempo of Continuo's own clock (default: ${DEFAULT-VALUE}).")
    double bpm;

    @Option(names = "--timebase-master",
            description = "Be the JACK timebase master at --bpm (4/4), so that transport-aware applications get bar, "
                    + "beat and tempo from Continuo; follow the JACK transport (unless another master exists).")
    boolean timebaseMaster;

    @Option(names = "--count-in", defaultValue = "1", paramLabel = "BARS",
            description = "Count-in bars (clicked on channel 10) before Continuo's own clock starts its loop "
                    + "(default: ${DEFAULT-VALUE}).")
    int countIn;

    @Option(names = "--click", description = "Metronome click on channel 10 while Continuo's own clock runs.")
    boolean click;

    @Option(names = "--part-per-pass",
            description = "Play part k alone on the k-th pass of a phrase (k = 1–4), then all parts: for DAWs that "
                    + "record one track at a time.")
    boolean partPerPass;

    @Option(names = "--echo", paramLabel = "CHANNEL",
            description = "Echo the melody on this channel (1–16) of the first output port.")
    Integer echoChannel;

    @Option(names = "--control-channel", defaultValue = "16", paramLabel = "CHANNEL",
            description = "Channel whose Program Change selects a preset and whose CCs turn the settings: 20 "
                    + "threshold, 21 seed, 22 noise scale, 23 humanize, 24 density, 102-105 mute, 106-109 solo, 110-113 octave, "
                    + "114-117 velocity of parts 1-4; changes apply at each phrase's next start "
                    + "(default: ${DEFAULT-VALUE}).")
    int controlChannel;

    @Option(names = "--no-reconnect",
            description = "Exit when the MIDI service (JACK server, ALSA sequencer, driver) goes away instead of "
                    + "waiting for it to come back.")
    boolean noReconnect;

    @Option(names = "--socket", paramLabel = "PATH", description = "Control socket (default: ${DEFAULT-VALUE}).")
    Path socket = ControlSocket.defaultPath();

    @Option(names = "--studio", arity = "0..1", fallbackValue = "0", paramLabel = "PORT",
            description = "Also serve Continuo Studio on 127.0.0.1 (PORT, or a free one): its live page shows this "
                    + "engine; the URL (with its token) is printed and shown by continuo ctl status.")
    Integer studioPort;

    @Option(names = "--no-status", description = "No live status line, even on a terminal.")
    boolean noStatus;

    @Option(names = "--no-log-file",
            description = "Log to standard error only, not also to the platform's log folder.")
    boolean noLogFile;

    @Spec
    CommandSpec spec;

    @Mixin
    GenerationOptions generation;

    @Override
    public Integer call() throws BadInputException, CorruptWeightsException, IOException, InterruptedException {
        Platform platform = Platform.current();
        applyConfig(platform);
        if (!noLogFile) {
            LOG.debug("Logging to {}", DaemonLog.start(platform.logDirectory()));
        }
        if (ClientName.problem(clientName) != null) {
            throw new BadInputException("--name " + ClientName.problem(clientName));
        }
        BackendKind kind = backend == null ? Backends.defaultKind() : parse(() -> BackendKind.byId(backend));
        EngineOptions engine = parse(() -> new EngineOptions(PortLayout.byId(ports), clockSource(), bars, bpm,
                countIn, click, partPerPass, echoChannel == null ? -1 : channel(echoChannel, "--echo"),
                channel(controlChannel, "--control-channel")));
        parse(() -> new InternalClock(bpm, countIn)); // checks --bpm and --count-in before anything starts
        PresetCatalog catalog = new PresetCatalog(PresetLocations.userPresets());
        Preset preset = catalog.load(generation.preset);
        SessionSettings settings = new SessionSettings(clientName, engine, generation.preset,
                generation.settings(preset.manifest()), !noReconnect, timebaseMaster, keyboard);
        if (kind == BackendKind.JAVASOUND && (input == null || output == null)) {
            throw new BadInputException("--backend javasound connects to existing ports: give --input NAME and "
                    + "--output NAME (see continuo ports)");
        }
        if (kind == BackendKind.JAVASOUND && engine.layout() != PortLayout.SINGLE) {
            throw new BadInputException("--backend javasound sends to one existing port: use --ports single");
        }
        if (keyboard != null) {
            try {
                new MidiDevices().find(keyboard, true);
            } catch (MidiUnavailableException e) {
                throw new BadInputException("--keyboard: " + e.getMessage());
            }
        }
        Supplier<MidiBackend> backends;
        try {
            backends = Backends.factory(kind, input, output, new ConfigUniqueIds(platform.configFile()));
        } catch (BackendException e) {
            throw new BadInputException(e.getMessage());
        }
        try (Engine daemon = new Engine(catalog)) {
            Thread hook = new Thread(() -> stopAndAwait(daemon), "continuo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            daemon.listen(socket);
            Session session = daemon.open(settings, preset, backends);
            StudioServer studio = studioPort == null ? null : startStudio(daemon);
            if (!noStatus && System.console() != null) {
                daemon.showStatusLine();
            }
            try {
                if (session.awaitEnd() == Session.Outcome.SERVICE_LOST) {
                    LOG.error("The MIDI service went away and --no-reconnect is set; exiting");
                    return Continuo.INTERNAL_ERROR;
                }
                return Continuo.OK;
            } finally {
                if (studio != null) {
                    studio.close();
                }
            }
        } catch (BackendException e) {
            LOG.error("{}", e.getMessage());
            return Continuo.INTERNAL_ERROR;
        }
    }

    /** The studio beside the engine, its live page on this engine; stopped (its training run too) with serve. */
    private StudioServer startStudio(Engine daemon) throws BadInputException {
        StudioServer studio = StudioStarter.start(studioPort, "--studio", EngineLink.inProcess(daemon));
        Runtime.getRuntime().addShutdownHook(new Thread(studio::close, "studio-shutdown"));
        daemon.showStudio(studio.url());
        LOG.info("Continuo Studio is running on this engine; open this URL in your browser:");
        spec.commandLine().getOut().println(studio.url());
        spec.commandLine().getOut().flush();
        return studio;
    }

    /** For the shutdown hook (SIGTERM, Ctrl-C): the JVM must not end before the notes are off. */
    private static void stopAndAwait(Engine daemon) {
        daemon.stop();
        try {
            daemon.awaitReleased(SHUTDOWN_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes every setting not given on the command line from the user's configuration file. */
    private void applyConfig(Platform platform) throws BadInputException {
        ContinuoConfig config;
        try {
            config = new ConfigFile().load(platform.configFile());
        } catch (ConfigException e) {
            throw new BadInputException(e.getMessage());
        }
        ParseResult given = spec.commandLine().getParseResult();
        backend = fromConfig(given, "--backend", config.backend(), backend);
        clientName = fromConfig(given, "--name", config.clientName(), clientName);
        input = fromConfig(given, "--input", config.input(), input);
        output = fromConfig(given, "--output", config.output(), output);
        ports = fromConfig(given, "--ports", config.ports(), ports);
        generation.preset = fromConfig(given, "--preset", config.preset(), generation.preset);
        bars = fromConfig(given, "--bars", config.bars(), bars);
        bpm = fromConfig(given, "--bpm", config.bpm(), bpm);
        clock = fromConfig(given, "--clock", config.clock(), clock);
        controlChannel = fromConfig(given, "--control-channel", config.controlChannel(), controlChannel);
    }

    private static <T> T fromConfig(ParseResult given, String option, T configured, T current) {
        return configured == null || given.hasMatchedOption(option) ? current : configured;
    }

    private ClockSource clockSource() {
        if (timebaseMaster && "auto".equals(clock.toLowerCase(Locale.ROOT))) {
            return ClockSource.JACK;
        }
        return "auto".equals(clock.toLowerCase(Locale.ROOT)) ? null : ClockSource.byId(clock);
    }

    private static int channel(int oneBased, String option) {
        if (oneBased < 1 || oneBased > 16) {
            throw new IllegalArgumentException(option + " must be a MIDI channel 1–16, not " + oneBased);
        }
        return oneBased - 1;
    }

    private static <T> T parse(Supplier<T> value) throws BadInputException {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
