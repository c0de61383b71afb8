package dev.continuo.cluster.sweep;

import dev.continuo.engine.data.DatasetException;
import dev.continuo.engine.data.Example;
import dev.continuo.engine.data.ExampleCodec;
import dev.continuo.engine.data.TrainingData;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The training data as bytes, broadcast once to every executor, so that the executors need no access to the
 * driver's files.
 *
 * @param training    {@link ExampleCodec} bytes of the examples to train on
 * @param heldOut     those of the held-out examples measured
 * @param description what the data is, for the manifest
 * @param license     the data's licence, for the manifest
 * @param midiFolder  true for a MIDI folder (or a corpus prepared from one), false for the JSB chorales
 */
public record SweepData(List<byte[]> training, List<byte[]> heldOut, String description, String license,
        boolean midiFolder) implements Serializable {

    /** The data's bytes. */
    public static SweepData of(TrainingData data, boolean midiFolder) {
        return new SweepData(encode(data.training()), encode(data.heldOut()), data.description(), data.license(),
                midiFolder);
    }

    /** The data back as examples, on an executor. */
    public TrainingData decode() throws DatasetException {
        return new TrainingData(decode(training, "training"), decode(heldOut, "held-out"), description, license,
                List.of());
    }

    private static ArrayList<byte[]> encode(List<Example> examples) {
        ArrayList<byte[]> bytes = new ArrayList<>();
        examples.forEach(example -> bytes.add(ExampleCodec.encode(example)));
        return bytes;
    }

    private static List<Example> decode(List<byte[]> records, String what) throws DatasetException {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            examples.add(ExampleCodec.decode(records.get(i), what + " example " + i));
        }
        return examples;
    }
}
