package dev.continuo.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.Batch;
import dev.continuo.engine.model.RollTensors;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.testing.TinyModels;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowSamplerTest {

    private final Architecture tiny = TinyModels.architecture(); // pitches 48..79, 16-step windows

    /** Melody: one long note per 4 steps rising from 60; parts: the melody minus 3, 7, 12 and 15 semitones (a span the window holds). */
    private static Example example(int steps) {
        Part melody = new Part("m", 0, 0, 1, steps);
        List<Part> parts = List.of(new Part("a", 1, 0, 2, steps), new Part("b", 2, 0, 3, steps),
                new Part("c", 3, 0, 4, steps), new Part("d", 4, 0, 5, steps));
        int[] below = {3, 7, 12, 15};
        for (int step = 0; step < steps; step += 4) {
            int pitch = 60 + (step / 4) % 8;
            melody.addNote(new Note(pitch, step, 4, 90));
            for (int p = 0; p < 4; p++) {
                parts.get(p).addNote(new Note(pitch - below[p], step, 4, 90));
            }
        }
        return new Example("e", melody, parts);
    }

    @Test
    void batchesHaveTheModelsShapeAndHoldTransposedCopiesOfTheMusic() {
        WindowSampler sampler = new WindowSampler(List.of(example(64)), tiny, 8, 1);
        Batch batch = sampler.get();
        RollTensors tensors = new RollTensors(tiny);
        assertArrayEquals(tensors.melodyShape(8, 16), batch.melody().shape());
        assertArrayEquals(tensors.trackShape(8, 16), batch.parts().shape());
        float[] melody = batch.melody().data().asFloat();
        float[] parts = batch.parts().data().asFloat();
        Set<Integer> shifts = new HashSet<>();
        for (int n = 0; n < 8; n++) {
            for (int step = 0; step < 16; step++) {
                int melodyRow = -1;
                for (int row = 0; row < 32; row++) {
                    float value = melody[tensors.melodyIndex(n, 16, step, row)];
                    assertTrue(value == 1f || value == -1f);
                    if (value == 1f) {
                        melodyRow = row;
                    }
                }
                assertTrue(melodyRow >= 0, "the melody sounds on every step");
                for (int phase = 0; phase < 4; phase++) {
                    assertEquals(phase == step % 4 ? 1f : -1f, melody[tensors.phaseIndex(n, 16, step, phase)],
                            "windows start on a beat, so the phase is the step mod 4");
                }
                // Each part sits its fixed interval below the melody, whatever the transposition.
                int[] below = {3, 7, 12, 15};
                for (int p = 0; p < 4; p++) {
                    int row = melodyRow - below[p];
                    assertEquals(1f, parts[tensors.trackIndex(n, 16, p, step, row)], "part " + p);
                }
                if (step == 0) {
                    shifts.add(melodyRow);
                }
            }
        }
        assertTrue(shifts.size() > 1, "windows are transposed and start at different places");
    }

    @Test
    void sameSeedSameBatches() {
        Batch one = new WindowSampler(List.of(example(64)), tiny, 4, 7).get();
        Batch two = new WindowSampler(List.of(example(64)), tiny, 4, 7).get();
        assertEquals(one.melody(), two.melody());
        assertEquals(one.parts(), two.parts());
    }

    @Test
    void piecesShorterThanAWindowArePaddedWithSilence() {
        Batch batch = new WindowSampler(List.of(example(8)), tiny, 2, 3).get();
        float[] melody = batch.melody().data().asFloat();
        RollTensors tensors = new RollTensors(tiny);
        for (int row = 0; row < 32; row++) {
            assertEquals(-1f, melody[tensors.melodyIndex(0, 16, 12, row)]);
        }
    }

    @Test
    void onsetPlanesMarkWhereTheWindowsNotesStart() {
        Architecture withOnsets = tiny.withOnsets(true);
        RollTensors tensors = new RollTensors(withOnsets);
        Batch batch = new WindowSampler(List.of(example(64)), withOnsets, 4, 5).get();
        assertArrayEquals(tensors.trackShape(4, 16), batch.parts().shape());
        float[] parts = batch.parts().data().asFloat();
        for (int n = 0; n < 4; n++) {
            for (int track = 0; track < 4; track++) {
                for (int step = 0; step < 16; step++) {
                    for (int row = 0; row < 32; row++) {
                        float sustain = parts[tensors.trackIndex(n, 16, track, step, row)];
                        float onset = parts[tensors.trackIndex(n, 16, Architecture.ONSET_PLANE, track, step, row)];
                        boolean starts = sustain == 1f && step % 4 == 0; // every note is 4 steps long, on the beat
                        assertEquals(starts ? 1f : -1f, onset, "sample " + n + " track " + track + " step " + step);
                    }
                }
            }
        }
    }

    /** A D-major scale melody, parts a third and a sixth below, over {@code steps}. */
    private static Example inD(int steps) {
        Part melody = new Part("m", 0, 0, 1, steps);
        Part third = new Part("t", 1, 0, 2, steps);
        int[] scale = {62, 64, 66, 67, 69, 71, 73, 74};
        for (int step = 0, i = 0; step < steps; step += 4, i++) {
            melody.addNote(new Note(scale[i % 8], step, 4, 90));
            third.addNote(new Note(scale[i % 8] - 9, step, 4, 90));
        }
        return new Example("d", melody, List.of(third));
    }

    @Test
    void keyNormalizedWindowsAreAllInCMajor() {
        Architecture a = new Architecture("wide", 16, 36, 48, true, 8, 8, 2, 4, true);
        RollTensors tensors = new RollTensors(a);
        Batch batch = new WindowSampler(List.of(inD(64)), a, new SamplingOptions(true, 0), 16, 2).get();
        float[] melody = batch.melody().data().asFloat();
        Set<Integer> pitchClasses = new HashSet<>();
        for (int n = 0; n < 16; n++) {
            for (int step = 0; step < 16; step++) {
                for (int row = 0; row < 48; row++) {
                    if (melody[tensors.melodyIndex(n, 16, step, row)] == 1f) {
                        pitchClasses.add((row + 36) % 12);
                    }
                }
            }
        }
        assertEquals(Set.of(0, 2, 4, 5, 7, 9, 11), pitchClasses, "D major moved down a tone: the white keys");
    }

    @Test
    void tempoVariedWindowsHoldNotesTwiceOrHalfAsLong() {
        RollTensors tensors = new RollTensors(tiny);
        Batch batch = new WindowSampler(List.of(example(128)), tiny, new SamplingOptions(false, 1), 16, 9).get();
        float[] melody = batch.melody().data().asFloat();
        Set<Integer> notesPerWindow = new HashSet<>();
        for (int n = 0; n < 16; n++) {
            int previous = -1;
            int notes = 0;
            for (int step = 0; step < 16; step++) {
                int sounding = -1;
                for (int row = 0; row < 32; row++) {
                    if (melody[tensors.melodyIndex(n, 16, step, row)] == 1f) {
                        sounding = row;
                    }
                }
                if (sounding != previous) {
                    notes++;
                    previous = sounding;
                }
            }
            notesPerWindow.add(notes);
        }
        assertEquals(Set.of(2, 8), notesPerWindow, "4 quarter notes a window at the original speed; as halves (half "
                + "speed) 2, as eighths (double speed) 8");
    }
}
