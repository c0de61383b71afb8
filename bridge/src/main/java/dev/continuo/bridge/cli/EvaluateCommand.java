package dev.continuo.bridge.cli;

import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.Example;
import dev.continuo.engine.data.JsbChorales;
import dev.continuo.engine.data.MidiFolderDataset;
import dev.continuo.engine.evaluation.AccompanimentSystem;
import dev.continuo.engine.evaluation.DatasetEvaluation;
import dev.continuo.engine.evaluation.SystemScores;
import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.evaluation.EvaluationPiece;
import dev.continuo.engine.evaluation.GeneralizationSuite;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.render.PianoRollImage;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code continuo evaluate FILE.mid}: the metrics of a MIDI file, per part and overall; {@code continuo evaluate
 * --dataset JSB.json}: a preset against the real accompaniment and three baselines on a data set.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Print the metrics of a MIDI file per part and overall, measured against its melody.",
            "The melody is chosen by --melody-track or --melody-channel, else by a heuristic that says what it chose.",
            "With --dataset, accompany every melody of a data set with a preset and three baselines and compare them",
            "with the real accompaniment (--preset none: the baselines alone): the JSB chorales JSON (Bach's alto,",
            "tenor and bass), or a folder of MIDI files (--split heldout: every tenth file, which train never uses;",
            "train; or all)."})
final class EvaluateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.mid", description = "Standard MIDI File (format 0 or 1).")
    private Path file;

    @ArgGroup(exclusive = true)
    private MelodyChoice melody = new MelodyChoice();

    @Option(names = "--json", description = "Print JSON instead of a table (undefined metrics are null).")
    private boolean json;

    @Option(names = "--dataset", paramLabel = "PATH",
            description = "Evaluate on the JSB chorales JSON or a folder of MIDI files instead.")
    private Path dataset;

    @Option(names = "--split", description = "Split of --dataset: train, valid or test for the chorales (default "
            + "test); heldout, train or all for a MIDI folder (default heldout).")
    private String split;

    @Option(names = "--suite", description = "Run the generalization suite: held-out pieces of --jsb and "
            + "--nottingham as written, in all 12 keys, at half and double speed, moved and slowed; and the suite's "
            + "own public-domain melodies; each preset of --presets beside the baselines, one table per set.")
    private boolean suite;

    @Option(names = "--jsb", paramLabel = "JSON", description = "With --suite: the JSB chorales JSON (test split).")
    private Path jsb;

    @Option(names = "--nottingham", paramLabel = "DIR",
            description = "With --suite: a folder of MIDI files such as the Nottingham database (held-out files).")
    private Path nottingham;

    @Option(names = "--presets", split = ",", paramLabel = "NAME",
            description = "With --suite: the presets to compare (default: every preset 'continuo presets' lists).")
    private List<String> presets;

    @Option(names = "--write", paramLabel = "DIR",
            description = "With --suite: also write each of the suite's melodies as each preset accompanies it, as "
                    + "MIDI and a piano-roll PNG, into DIR.")
    private Path write;

    @Mixin
    private GenerationOptions generation;

    @Override
    public Integer call() throws BadMidiFileException, BadInputException, DatasetException, CorruptWeightsException,
            IOException {
        if (suite) {
            if (file != null || dataset != null) {
                throw new BadInputException("--suite takes --jsb and --nottingham, not FILE.mid or --dataset");
            }
            return evaluateSuite();
        }
        if ((file == null) == (dataset == null)) {
            throw new BadInputException("give either FILE.mid, --dataset or --suite");
        }
        return dataset != null ? evaluateDataset() : evaluateFile();
    }

    private int evaluateSuite() throws DatasetException, CorruptWeightsException, BadInputException, IOException {
        PresetCatalog catalog = new PresetCatalog(PresetLocations.userPresets());
        List<String> names = presets != null ? presets : catalog.list().stream().map(PresetCatalog.Entry::name)
                .toList();
        Map<String, AccompanimentSystem> systems = new LinkedHashMap<>();
        for (String name : names) {
            Accompanist accompanist = new Accompanist(catalog.load(name));
            GenerationSettings settings = generation.settings(accompanist.preset().manifest());
            systems.put(name, (melody, bars) -> accompanist.generate(melody, bars, settings));
        }
        List<GeneralizationSuite.PieceSet> sets = new ArrayList<>();
        if (jsb != null) {
            List<EvaluationPiece> pieces = new JsbChorales().read(jsb, "test").stream()
                    .map(e -> new EvaluationPiece(e.name(), e.melody(), e.parts().subList(1, e.parts().size()),
                            Meter.FOUR_FOUR)).toList();
            sets.addAll(GeneralizationSuite.variationsOf("jsb-test", pieces.size()
                    + " JSB test chorales, reference Bach's alto, tenor and bass", pieces));
        }
        if (nottingham != null) {
            MidiFolderDataset.Result result = new MidiFolderDataset().read(nottingham);
            List<EvaluationPiece> pieces = result.heldOut().stream().map(e -> new EvaluationPiece(e.name(),
                    e.melody(), e.parts(), Meter.FOUR_FOUR)).toList();
            sets.addAll(GeneralizationSuite.variationsOf(nottingham.getFileName() + "-heldout", pieces.size()
                    + " held-out files of " + nottingham.getFileName() + ", reference their other parts", pieces));
        }
        sets.add(GeneralizationSuite.melodies());
        Map<String, List<SystemScores>> tables = new LinkedHashMap<>();
        DatasetEvaluation evaluation = new DatasetEvaluation();
        for (GeneralizationSuite.PieceSet set : sets) {
            LOG.info("Suite set {}: {} pieces", set.name(), set.pieces().size());
            List<SystemScores> scores = evaluation.evaluate(set.pieces(), systems);
            tables.put(set.name(), scores);
            if (!json) {
                System.out.print(DatasetTable.format(scores, set.name() + ": " + set.description()) + "\n");
            }
        }
        if (json) {
            System.out.print(MetricsJson.toJson(tables) + "\n");
        }
        if (write != null) {
            writeAccompaniments(sets.get(sets.size() - 1).pieces(), systems);
        }
        return Continuo.OK;
    }

    /** Each piece as each system accompanies it: NAME-SYSTEM.mid and .png in {@link #write}. */
    private void writeAccompaniments(List<EvaluationPiece> pieces, Map<String, AccompanimentSystem> systems)
            throws IOException {
        Files.createDirectories(write);
        for (EvaluationPiece piece : pieces) {
            String base = piece.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            for (Map.Entry<String, AccompanimentSystem> system : systems.entrySet()) {
                List<Part> parts = new ArrayList<>(List.of(piece.melody()));
                parts.addAll(system.getValue().accompany(piece.melody(), piece.barStarts()));
                PianoRoll roll = new PianoRoll(PianoRoll.DEFAULT_STEPS_PER_BEAT, piece.steps(), parts, List.of(),
                        List.of(new MeterChange(0, piece.meter())));
                String name = base + "-" + system.getKey().replaceAll("[^A-Za-z0-9-]+", "-");
                new MidiFileWriter().write(roll, piece.name() + " (" + system.getKey() + ")",
                        write.resolve(name + ".mid"));
                PianoRollImage.write(roll, piece.name() + " (" + system.getKey() + ")", PianoRoll.MAX_STEPS,
                        write.resolve(name + ".png"));
            }
        }
        LOG.info("Wrote {} accompaniments to {}", pieces.size() * systems.size(), write);
    }

    private int evaluateFile() throws BadMidiFileException, BadInputException {
        PianoRoll roll = new MidiFileReader().read(file);
        MelodySelection selection = melody.choose(roll, file);
        LOG.debug("Melody: {}", selection.reason());
        EvaluationReport report = EvaluationReport.of(file.toString(), roll, selection);
        System.out.print(json ? MetricsJson.toJson(report) + "\n" : MetricsTable.format(report));
        return Continuo.OK;
    }

    private int evaluateDataset() throws DatasetException, CorruptWeightsException, BadInputException {
        boolean folder = Files.isDirectory(dataset);
        String chosenSplit = split != null ? split : folder ? "heldout" : "test";
        List<Example> examples = folder ? folderSplit(chosenSplit) : new JsbChorales().read(dataset, chosenSplit);
        if (examples.isEmpty()) {
            throw new DatasetException(dataset + ": the " + chosenSplit + " split holds no usable pieces");
        }
        Accompanist accompanist = "none".equals(generation.preset) ? null
                : new Accompanist(new PresetCatalog(PresetLocations.userPresets()).load(generation.preset));
        GenerationSettings settings = generation.settings(accompanist == null ? null
                : accompanist.preset().manifest());
        LOG.info("Accompanying {} melodies of the {} split", examples.size(), chosenSplit);
        // The chorales' first part is the soprano, which is the melody; a MIDI folder's parts are all accompaniment.
        List<SystemScores> scores = new DatasetEvaluation().evaluate(examples, folder ? 0 : 1, accompanist,
                settings);
        System.out.print(json ? MetricsJson.toJson(scores) + "\n" : DatasetTable.format(scores, String.format(
                Locale.ROOT, "%d melodies of the %s split; reference = the real accompaniment (%s)", examples.size(),
                chosenSplit, folder ? "the files' other parts" : "Bach's alto, tenor and bass")));
        return Continuo.OK;
    }

    private List<Example> folderSplit(String name) throws DatasetException, BadInputException {
        MidiFolderDataset.Result result = new MidiFolderDataset().read(dataset);
        result.skipped().forEach(skipped -> LOG.debug("Skipped {}: {}", skipped.file(), skipped.reason()));
        return switch (name) {
            case "heldout" -> result.heldOut();
            case "train" -> result.training();
            case "all" -> result.examples();
            default -> throw new BadInputException("a MIDI folder's splits are heldout, train and all, not \""
                    + name + "\"");
        };
    }
}
