package dev.continuo.bridge.cli;

import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.midi.MelodySelector;
import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.roll.PianoRoll;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code continuo evaluate FILE.mid}: the accompaniment metrics of a MIDI file, per part and overall. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Print the metrics of a MIDI file per part and overall, measured against its melody.",
            "The melody is chosen by --melody-track or --melody-channel, else by a heuristic that says what it chose."})
final class EvaluateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);

    @Parameters(index = "0", paramLabel = "FILE.mid", description = "Standard MIDI File (format 0 or 1).")
    private Path file;

    @ArgGroup(exclusive = true)
    private MelodyOption melody = new MelodyOption();

    @Option(names = "--json", description = "Print JSON instead of a table (undefined metrics are null).")
    private boolean json;

    static final class MelodyOption {
        @Option(names = "--melody-track", paramLabel = "N",
                description = "MIDI file track holding the melody, counted from 0 as in the file.")
        Integer track;

        @Option(names = "--melody-channel", paramLabel = "C", description = "MIDI channel of the melody, 1-16.")
        Integer channel;
    }

    @Override
    public Integer call() throws BadMidiFileException, BadInputException {
        PianoRoll roll = new MidiFileReader().read(file);
        EvaluationReport report = EvaluationReport.of(file.toString(), roll, chooseMelody(roll));
        System.out.print(json ? MetricsJson.toJson(report) + "\n" : MetricsTable.format(report));
        return Continuo.OK;
    }

    private MelodySelection chooseMelody(PianoRoll roll) throws BadInputException {
        MelodySelector selector = new MelodySelector();
        try {
            MelodySelection selection = melody.track != null ? selector.byTrack(roll, melody.track)
                    : melody.channel != null ? selector.byChannel(roll, melody.channel)
                    : selector.choose(roll);
            LOG.debug("Melody: {}", selection.reason());
            return selection;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }
}
