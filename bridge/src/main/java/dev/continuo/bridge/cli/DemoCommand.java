package dev.continuo.bridge.cli;

import dev.continuo.engine.midi.BadMidiFileException;
import dev.continuo.engine.midi.MelodySelector;
import dev.continuo.engine.midi.MidiFileReader;
import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.roll.PianoRoll;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code continuo demo}: the built-in example, needing no DAW. Until the first trained preset lands it writes the
 * bundled four-part example (a hand-written harmonization of "Ode to Joy") and prints its metrics.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Write the bundled example (Ode to Joy, melody + 3 hand-written parts) to a MIDI file and "
            + "print its metrics.", "No DAW or MIDI device is needed."})
final class DemoCommand implements Callable<Integer> {

    static final String EXAMPLE = "/dev/continuo/presets/examples/ode-to-joy.mid";
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.mid", defaultValue = "demo-out/ode-to-joy.mid",
            description = "Where to write the example (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Override
    public Integer call() throws IOException, BadMidiFileException {
        byte[] example;
        try (InputStream in = DemoCommand.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IOException("the bundled example " + EXAMPLE + " is missing from the build");
            }
            example = in.readAllBytes();
        }
        PianoRoll roll = new MidiFileReader().read(example, "ode-to-joy.mid");
        new MidiFileWriter().write(roll, "Ode to Joy (Beethoven), harmonized", output);
        LOG.info("Wrote {} ({} parts, {} bars); no trained preset is bundled yet, so these are the hand-written parts",
                output, roll.parts().size(), roll.barStarts().length);
        EvaluationReport report = EvaluationReport.of(output.toString(), roll, new MelodySelector().choose(roll));
        System.out.print(MetricsTable.format(report));
        return Continuo.OK;
    }
}
