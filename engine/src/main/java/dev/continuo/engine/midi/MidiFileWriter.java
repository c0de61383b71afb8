package dev.continuo.engine.midi;

import dev.continuo.engine.files.AtomicFiles;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * Writes a {@link PianoRoll} as a Standard MIDI File of format 1.
 *
 * <p>Track 0 is the conductor track (title, tempo map, time signatures); then one track per part with its name,
 * a program change to its General MIDI program and its notes on its channel. Reading the result back with
 * {@link MidiFileReader} at the same resolution gives the same roll. Thread-safe.
 */
public final class MidiFileWriter {

    /** Ticks per step in written files; 120 divides evenly into triplets and sixteenths. */
    private static final int TICKS_PER_STEP = 120;
    private static final int META_TRACK_NAME = 0x03;
    private static final int META_TEMPO = 0x51;
    private static final int META_TIME_SIGNATURE = 0x58;
    private static final int META_END_OF_TRACK = 0x2F;
    private static final int MIDI_CLOCKS_PER_QUARTER = 24;
    private static final int NOTE_OFF_VELOCITY = 64;

    /** Writes the roll to a file, atomically: the file appears whole or not at all. */
    public void write(PianoRoll roll, String title, Path file) throws IOException {
        AtomicFiles.write(file, toBytes(roll, title));
    }

    /** The file's bytes. */
    public byte[] toBytes(PianoRoll roll, String title) {
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, roll.stepsPerBeat() * TICKS_PER_STEP);
            writeConductor(sequence.createTrack(), roll, title);
            for (Part part : roll.parts()) {
                writePart(sequence.createTrack(), part, roll.steps());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MidiSystem.write(sequence, 1, out);
            return out.toByteArray();
        } catch (InvalidMidiDataException | IOException e) {
            // Every value written is range-checked by the roll's types, so this is a bug, not bad input.
            throw new IllegalStateException("could not encode the roll as MIDI", e);
        }
    }

    private static void writeConductor(Track track, PianoRoll roll, String title) throws InvalidMidiDataException {
        track.add(new MidiEvent(text(META_TRACK_NAME, title), 0));
        for (TempoChange tempo : roll.tempos()) {
            int micros = tempo.microsPerQuarter();
            byte[] data = {(byte) (micros >> 16), (byte) (micros >> 8), (byte) micros};
            track.add(new MidiEvent(new MetaMessage(META_TEMPO, data, 3), tick(tempo.step())));
        }
        for (MeterChange change : roll.meters()) {
            int numerator = change.meter().numerator();
            int denominator = change.meter().denominator();
            int clocksPerClick = MIDI_CLOCKS_PER_QUARTER * 4 / denominator * (change.meter().isCompound() ? 3 : 1);
            byte[] data = {(byte) numerator, (byte) Integer.numberOfTrailingZeros(denominator),
                (byte) Math.min(127, Math.max(1, clocksPerClick)), 8};
            track.add(new MidiEvent(new MetaMessage(META_TIME_SIGNATURE, data, 4), tick(change.step())));
        }
        track.add(new MidiEvent(new MetaMessage(META_END_OF_TRACK, new byte[0], 0), tick(roll.steps())));
    }

    private static void writePart(Track track, Part part, int steps) throws InvalidMidiDataException {
        record Timed(long tick, int order, MidiMessage message) {
        }
        List<Timed> events = new ArrayList<>();
        int channel = part.channel();
        events.add(new Timed(0, 0, text(META_TRACK_NAME, part.name())));
        events.add(new Timed(0, 1, new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, part.program(), 0)));
        for (Note note : part.notes()) {
            // Note-offs sort before note-ons at the same tick so a repeated note is re-struck, not cut.
            events.add(new Timed(tick(note.endStep()), 2,
                    new ShortMessage(ShortMessage.NOTE_OFF, channel, note.pitch(), NOTE_OFF_VELOCITY)));
            events.add(new Timed(tick(note.startStep()), 3,
                    new ShortMessage(ShortMessage.NOTE_ON, channel, note.pitch(), note.velocity())));
        }
        events.sort(Comparator.comparingLong(Timed::tick).thenComparingInt(Timed::order));
        for (Timed event : events) {
            track.add(new MidiEvent(event.message(), event.tick()));
        }
        track.add(new MidiEvent(new MetaMessage(META_END_OF_TRACK, new byte[0], 0), tick(steps)));
    }

    private static MetaMessage text(int type, String text) throws InvalidMidiDataException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return new MetaMessage(type, bytes, bytes.length);
    }

    private static long tick(int step) {
        return (long) step * TICKS_PER_STEP;
    }
}
