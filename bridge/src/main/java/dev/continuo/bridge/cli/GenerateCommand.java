package dev.continuo.bridge.cli;

import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.render.PianoRollImage;
import dev.continuo.engine.roll.PianoRoll;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code continuo generate IN.mid}: writes the melody and four generated parts as a multitrack MIDI file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Accompany the melody of a MIDI file with four generated parts and write a multitrack file:",
            "the melody unchanged, then the parts on their own channels with the preset's instruments."})
final class GenerateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);
    private static final int MAX_VARIATIONS = 100;

    @Parameters(index = "0", paramLabel = "IN.mid", description = "MIDI file holding the melody.")
    private Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.mid",
            description = "Where to write (default: IN-accompanied.mid beside the input).")
    private Path output;

    @Option(names = "--variations", defaultValue = "1", paramLabel = "N",
            description = "Write N alternatives with seeds SEED, SEED+1, … as OUT-1.mid … OUT-N.mid (default 1: OUT.mid).")
    private int variations;

    @Option(names = "--png", description = "Also draw each result as a piano roll, OUT.png beside OUT.mid.")
    private boolean png;

    @Mixin
    private GenerationOptions generation;

    @ArgGroup(exclusive = true)
    private MelodyChoice melodyChoice = new MelodyChoice();

    @Override
    public Integer call() throws BadMidiFileException, BadInputException, CorruptWeightsException, IOException {
        PianoRoll roll = new MidiFileReader().read(input);
        MelodySelection melody = melodyChoice.choose(roll, input);
        Preset preset = new PresetCatalog(PresetLocations.userPresets()).load(generation.preset);
        Accompanist accompanist = new Accompanist(preset);
        if (variations < 1 || variations > MAX_VARIATIONS) {
            throw new BadInputException("--variations takes 1-" + MAX_VARIATIONS + ", not " + variations);
        }
        Path out = output != null ? output : defaultOutput(input);
        for (int variation = 0; variation < variations; variation++) {
            long seed = generation.seed + variation;
            long start = System.nanoTime();
            PianoRoll result = accompanist.accompany(roll, melody.partIndex(),
                    generation.settings(preset.manifest()).withSeed(seed));
            LOG.debug("Generated in {} ms", (System.nanoTime() - start) / 1_000_000);
            Path file = variations == 1 ? out : numbered(out, variation + 1);
            new MidiFileWriter().write(result, "Accompanied by Continuo (" + preset.manifest().name() + ")", file);
            LOG.info("Wrote {}: melody from {}, {} by preset \"{}\" (seed {})", file, melody.reason(),
                    GenerationOptions.partsSummary(result), preset.manifest().name(), seed);
            if (png) {
                Path image = withExtension(file, ".png");
                PianoRollImage.write(result, file.getFileName() + " (" + preset.manifest().name() + ", seed " + seed
                        + ")", PianoRoll.MAX_STEPS, image);
                LOG.info("Drew {}", image);
            }
        }
        return Continuo.OK;
    }

    /** OUT.mid as OUT-N.mid. */
    private static Path numbered(Path file, int number) {
        return withExtension(file, "-" + number + ".mid");
    }

    private static Path withExtension(Path file, String suffix) {
        String name = file.getFileName().toString().replaceFirst("(?i)\\.midi?$", "");
        return file.toAbsolutePath().resolveSibling(name + suffix);
    }

    private static Path defaultOutput(Path input) {
        String name = input.getFileName().toString().replaceFirst("(?i)\\.midi?$", "");
        return input.toAbsolutePath().resolveSibling(name + "-accompanied.mid");
    }
}
