package dev.continuo.bridge.cli;

import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
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

    @Parameters(index = "0", paramLabel = "IN.mid", description = "MIDI file holding the melody.")
    private Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.mid",
            description = "Where to write (default: IN-accompanied.mid beside the input).")
    private Path output;

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
        long start = System.nanoTime();
        PianoRoll result = accompanist.accompany(roll, melody.partIndex(),
                generation.settings(preset.manifest()));
        LOG.debug("Generated in {} ms", (System.nanoTime() - start) / 1_000_000);
        Path out = output != null ? output : defaultOutput(input);
        new MidiFileWriter().write(result, "Accompanied by Continuo (" + preset.manifest().name() + ")", out);
        LOG.info("Wrote {}: melody from {}, {} by preset \"{}\" (seed {})", out, melody.reason(),
                GenerationOptions.partsSummary(result), preset.manifest().name(), generation.seed);
        return Continuo.OK;
    }

    private static Path defaultOutput(Path input) {
        String name = input.getFileName().toString().replaceFirst("(?i)\\.midi?$", "");
        return input.toAbsolutePath().resolveSibling(name + "-accompanied.mid");
    }
}
