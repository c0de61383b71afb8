package dev.continuo.bridge.cli;

import dev.continuo.engine.generate.Accompanist;
import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.midi.MelodySelector;
import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.roll.PianoRoll;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code continuo demo}: accompanies a bundled melody (the tune of Beethoven's "Ode to Joy") with the default
 * preset, writes the multitrack MIDI file and prints its metrics. Needs no DAW.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Accompany a bundled melody (Ode to Joy) with a preset, write the MIDI file and print its "
            + "metrics.", "No DAW or MIDI device is needed."})
final class DemoCommand implements Callable<Integer> {

    static final String EXAMPLE = "/dev/continuo/presets/examples/ode-to-joy.mid";
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.mid", defaultValue = "demo-out/ode-to-joy-continuo.mid",
            description = "Where to write the result (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Mixin
    private GenerationOptions generation;

    @Override
    public Integer call() throws IOException, BadMidiFileException, CorruptWeightsException, BadInputException {
        byte[] example;
        try (InputStream in = DemoCommand.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IOException("the bundled example " + EXAMPLE + " is missing from the build");
            }
            example = in.readAllBytes();
        }
        PianoRoll song = new MidiFileReader().read(example, "ode-to-joy.mid");
        MelodySelection melody = new MelodySelector().choose(song);
        Preset preset = new PresetCatalog(PresetLocations.userPresets()).load(generation.preset);
        long start = System.nanoTime();
        PianoRoll result = new Accompanist(preset).accompany(song, melody.partIndex(),
                generation.settings(preset.manifest()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        new MidiFileWriter().write(result, "Ode to Joy (Beethoven), accompanied by Continuo", output);
        LOG.info("Wrote {}: the melody of Ode to Joy and {} by preset \"{}\" (seed {}, {} ms)", output,
                GenerationOptions.partsSummary(result), preset.manifest().name(), generation.seed, millis);
        PianoRoll written = new MidiFileReader().read(output);
        EvaluationReport report = EvaluationReport.of(output.toString(), written, new MelodySelection(0,
                "track 1 \"" + written.part(0).name() + "\": the bundled melody"));
        System.out.print(MetricsTable.format(report));
        return Continuo.OK;
    }
}
