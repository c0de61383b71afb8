package dev.continuo.bridge.cli;

import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.TrainingData;
import dev.continuo.engine.generate.ChordPath;
import dev.continuo.engine.generate.ChordPrior;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.BeatChord;
import dev.continuo.engine.preset.ChordProgression;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.preset.PresetPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code continuo learn-chords}: gives a preset the beat chords of its training data (which {@code train} records
 * itself), so that its parts choose their pitches together, and, if asked, its chord progressions, so that they
 * follow a chord path; the weights stay as they are.
 */
@Command(name = "learn-chords", mixinStandardHelpOptions = true,
        description = {"Count the chords a preset's training data sounds on the beat, in its parts as the preset's "
            + "default mix plays them, and write the preset with them into a new folder, so that its parts choose "
            + "their pitches together (presets trained by this version have them already)."})
final class LearnChordsCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(LearnChordsCommand.class);

    @Option(names = "--preset", required = true, paramLabel = "NAME", description = "The preset (name or folder).")
    private String presetName;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "The data the preset was trained on: the JSB chorales JSON, a MIDI folder or a corpus.")
    private Path data;

    @Option(names = "--with-valid", description = "For the JSB chorales: count the valid split too, as a preset "
            + "trained with --with-valid learnt it.")
    private boolean withValid;

    @Option(names = "--weight", defaultValue = "" + PresetPolicy.CHORD_WEIGHT, paramLabel = "W",
            description = "How strongly the chords steer the parts' pitches (0-10; 0 keeps each part's own; "
                + "default ${DEFAULT-VALUE}).")
    private double weight;

    @Option(names = "--path-weight", defaultValue = "0", paramLabel = "V",
            description = "How strongly the parts follow the chord path that the data's progressions find for each "
                + "melody (0-" + (int) ChordProgression.MAX_WEIGHT + "; 0: no path; " + PresetPolicy.PATH_WEIGHT
                + " suits genres of block chords, such as folk; default ${DEFAULT-VALUE}).")
    private double pathWeight;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Folder to write the preset into; must not hold a preset already.")
    private Path output;

    @Override
    public Integer call() throws BadInputException, CorruptWeightsException, DatasetException, IOException {
        if (Files.exists(output.resolve(Preset.MANIFEST))) {
            throw new BadInputException(output + " holds a preset already: choose another --output");
        }
        Preset preset = new PresetCatalog(PresetLocations.userPresets()).load(presetName);
        PresetManifest manifest = preset.manifest();
        if (!manifest.decoding().monophonic()) {
            throw new BadInputException(manifest.name() + " plays chords within a part: its parts' pitches cannot be "
                    + "chosen together");
        }
        TrainingData dataset = TrainingData.load(data, withValid);
        Mix mix = Mix.of(manifest);
        boolean[] counted = new boolean[Architecture.TRACKS];
        for (int part = 0; part < counted.length; part++) {
            counted[part] = mix.audible(part);
        }
        boolean keyNormalized = manifest.decoding().keyNormalized();
        List<BeatChord> chords = weight > 0 ? ChordPrior.learn(dataset.training(), counted, keyNormalized) : List.of();
        Decoding decoding;
        try {
            ChordProgression progression = pathWeight > 0 ? ChordPath.learn(dataset.training(), counted,
                    keyNormalized, ChordPath.DEFAULT_MODEL_WEIGHT, pathWeight) : null;
            decoding = manifest.decoding().withChords(weight, chords).withProgression(progression);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        new Preset(new PresetManifest(manifest.name(), manifest.description(), manifest.architecture(),
                manifest.parts(), decoding, manifest.training(), manifest.metrics()), preset.weights()).save(output);
        LOG.info("Wrote {} with {} beat chords{} from {} pieces of {} to {}", manifest.name(), chords.size(),
                decoding.progression() == null ? "" : " and a progression of " + decoding.progression().chords().length
                    + " chords", dataset.training().size(), dataset.description(), output);
        return Continuo.OK;
    }
}
