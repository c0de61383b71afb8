package dev.continuo.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.data.Example;
import dev.continuo.engine.data.WindowSampler;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.ModelWeights;
import dev.continuo.engine.model.TrainingConfig;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

class GanTrainerTest {

    /** Snippets whose four parts are a major triad and a bass below each melody note. */
    private static List<Example> snippets() {
        List<Example> examples = new ArrayList<>();
        for (int start = 60; start < 66; start++) {
            Part melody = new Part("m", 0, 0, 1, 32);
            List<Part> parts = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                parts.add(new Part("p" + p, p + 1, 0, p + 2, 32));
            }
            for (int step = 0; step < 32; step += 8) {
                int pitch = start + (step / 8) * 2;
                melody.addNote(new Note(pitch + 12, step, 8, 90));
                int[] chord = {pitch + 7, pitch + 4, pitch, pitch - 12};
                for (int p = 0; p < 4; p++) {
                    parts.get(p).addNote(new Note(chord[p], step, 8, 90));
                }
            }
            examples.add(new Example("s" + start, melody, parts));
        }
        return examples;
    }

    /** A pitches-as-channels layout and a grid layout. */
    static List<Architecture> architectures() {
        return List.of(TinyModels.architecture(), new Architecture("tiny-grid", 16, 48, 32, false, 6, 6, 2, 4, false));
    }

    private static List<GanTrainer.IterationLosses> train(Architecture tiny, long seed, int iterations) {
        ModelWeights weights = ModelWeights.initialize(tiny, seed, DataType.FLOAT);
        GanTrainer trainer = new GanTrainer(weights, new TrainingConfig(2e-3, 0.5, 0.9, 16, 3, 10, 10, seed));
        WindowSampler sampler = new WindowSampler(snippets(), tiny, 16, seed);
        List<GanTrainer.IterationLosses> losses = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            losses.add(trainer.iterate(sampler));
        }
        return losses;
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void trainingLowersTheCriticsWassersteinEstimateAndTheReconstructionLoss(Architecture architecture) {
        List<GanTrainer.IterationLosses> losses = train(architecture, 1, 60);
        double peak = losses.stream().mapToDouble(GanTrainer.IterationLosses::wassersteinEstimate).max()
                .orElseThrow();
        double late = losses.subList(50, 60).stream().mapToDouble(GanTrainer.IterationLosses::wassersteinEstimate)
                .average().orElseThrow();
        assertTrue(late < 0.5 * peak, "late W estimate " + late + " vs peak " + peak);
        assertTrue(losses.get(59).reconstructionLoss() < 0.5 * losses.get(0).reconstructionLoss(),
                losses.get(0).reconstructionLoss() + " -> " + losses.get(59).reconstructionLoss());
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void sameSeedSameTraining(Architecture architecture) {
        assertEquals(train(architecture, 4, 3), train(architecture, 4, 3));
    }
}
