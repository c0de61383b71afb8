package dev.continuo.cluster.testing;

import dev.continuo.engine.midi.MidiFileWriter;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small MIDI folder written by the engine's MidiFileWriter: folk-style tunes, and files that must be skipped. */
public final class FixtureCorpus {

    private static final int STEPS = 64;

    private FixtureCorpus() {
    }

    /**
     * Writes {@code tunes} tunes (every other one with a melody and bass instead of block chords, some in a
     * subfolder), a melody-only file, a broken header and an empty file into the folder.
     */
    public static void write(Path folder, int tunes) throws IOException {
        MidiFileWriter writer = new MidiFileWriter();
        Files.createDirectories(folder.resolve("more"));
        for (int i = 0; i < tunes; i++) {
            Path file = (i % 4 == 3 ? folder.resolve("more") : folder).resolve(String.format("tune%02d.mid", i));
            writer.write(tune(i % 7, i % 2 == 0 ? Accompaniment.CHORDS : Accompaniment.BASS), "tune " + i, file);
        }
        writer.write(tune(0, Accompaniment.NONE), "melody only", folder.resolve("melody-only.mid"));
        Files.write(folder.resolve("garbage.mid"), new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 1});
        Files.write(folder.resolve("empty.MIDI"), new byte[0]);
        Files.writeString(folder.resolve("notes.txt"), "not a MIDI file, not listed");
    }

    private enum Accompaniment { NONE, CHORDS, BASS }

    private static PianoRoll tune(int transpose, Accompaniment accompaniment) {
        Part melody = new Part("Melody", 0, 73, 0, STEPS);
        for (int step = 0; step < STEPS; step += 4) {
            melody.addNote(new Note(72 + transpose + (step / 4) % 5, step, 4, 90));
        }
        List<Part> parts = new ArrayList<>(List.of(melody));
        if (accompaniment == Accompaniment.CHORDS) {
            Part chords = new Part("Chords", 1, 0, 1, STEPS);
            for (int step = 0; step < STEPS; step += 16) {
                for (int pitch : new int[] {48, 52, 55}) {
                    chords.addNote(new Note(pitch + transpose, step, 16, 70));
                }
            }
            parts.add(chords);
        } else if (accompaniment == Accompaniment.BASS) {
            Part bass = new Part("Bass", 2, 32, 2, STEPS);
            Part pad = new Part("Pad", 3, 48, 3, STEPS);
            for (int step = 0; step < STEPS; step += 8) {
                bass.addNote(new Note(36 + transpose + (step / 8) % 3, step, 8, 80));
                pad.addNote(new Note(60 + transpose, step, 6, 60));
            }
            parts.add(bass);
            parts.add(pad);
        }
        return new PianoRoll(4, STEPS, parts, List.of(new TempoChange(0, 500_000)),
                List.of(new MeterChange(0, new Meter(4, 4))));
    }
}
