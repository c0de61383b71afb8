package dev.continuo.engine.midi;

import dev.continuo.engine.files.BoundedFiles;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.MeterChange;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import dev.continuo.engine.roll.TempoChange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Standard MIDI Files (format 0 and 1) into a {@link PianoRoll} quantized to a step grid.
 *
 * <p>Every (track, channel) pair that holds notes becomes one {@link Part}, named after its track (with the channel
 * appended when a track uses several). Tempo and time-signature changes from any track form the roll's maps. Note
 * starts and ends are rounded to the nearest step; a note shorter than a step lasts one step. The roll ends at the
 * end of the bar that holds the last note.
 *
 * <p>Files are checked by {@link SmfScanner} first and bounded in size, events and length, so a malformed or
 * hostile file costs bounded time and memory and ends in a {@link BadMidiFileException}. Thread-safe.
 */
public final class MidiFileReader {

    /** Largest file accepted, in bytes. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final int MAX_NAME = 64;

    private static final Logger LOG = LoggerFactory.getLogger(MidiFileReader.class);
    private static final int META_TRACK_NAME = 0x03;
    private static final int META_TEMPO = 0x51;
    private static final int META_TIME_SIGNATURE = 0x58;

    private final int stepsPerBeat;
    private final SmfScanner scanner = new SmfScanner();

    /** A reader for a grid of sixteenth notes. */
    public MidiFileReader() {
        this(PianoRoll.DEFAULT_STEPS_PER_BEAT);
    }

    /** @param stepsPerBeat grid resolution in steps per quarter note */
    public MidiFileReader(int stepsPerBeat) {
        this.stepsPerBeat = stepsPerBeat;
    }

    /** Reads a file from disk. */
    public PianoRoll read(Path file) throws BadMidiFileException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new BadMidiFileException(source, "is a directory, not a MIDI file");
        }
        if (!Files.exists(file)) {
            throw new BadMidiFileException(source, "no such file");
        }
        byte[] data;
        try {
            if (Files.isRegularFile(file)) {
                checkSize(Files.size(file), source);
            }
            data = BoundedFiles.read(file, MAX_FILE_BYTES);
        } catch (IOException e) {
            throw new BadMidiFileException(source, "cannot be read (" + e.getMessage() + ")", e);
        }
        return read(data, source);
    }

    /**
     * Refuses a file larger than {@link #MAX_FILE_BYTES} before it is read, as {@link #read(Path)} does.
     *
     * @param source the name to use in messages
     */
    public static void checkSize(long bytes, String source) throws BadMidiFileException {
        if (bytes > MAX_FILE_BYTES) {
            throw new BadMidiFileException(source, "is " + bytes + " bytes; Continuo reads MIDI files up to "
                    + MAX_FILE_BYTES + " bytes");
        }
    }

    /**
     * Reads a file already in memory.
     *
     * @param source the name to use in messages
     */
    public PianoRoll read(byte[] data, String source) throws BadMidiFileException {
        SmfLayout layout;
        try {
            layout = scanner.scan(data);
        } catch (MalformedSmfException e) {
            throw new BadMidiFileException(source, e.getMessage(), e);
        }
        long lastStep = toStep(layout.lastTick(), layout.ticksPerQuarter());
        if (lastStep > PianoRoll.MAX_STEPS) {
            throw new BadMidiFileException(source, "lasts " + lastStep + " steps of 1/" + (4 * stepsPerBeat)
                    + " note; Continuo reads up to " + PianoRoll.MAX_STEPS);
        }
        Sequence sequence;
        try {
            sequence = MidiSystem.getSequence(new ByteArrayInputStream(data));
        } catch (InvalidMidiDataException | IOException e) {
            throw new BadMidiFileException(source, "not a readable MIDI file (" + e.getMessage() + ")", e);
        }
        return toRoll(sequence, source);
    }

    private PianoRoll toRoll(Sequence sequence, String source) throws BadMidiFileException {
        int ticksPerQuarter = sequence.getResolution();
        TreeMap<Integer, TempoChange> tempos = new TreeMap<>();
        TreeMap<Integer, MeterChange> meters = new TreeMap<>();
        List<ChannelNotes> channels = new ArrayList<>();
        Track[] tracks = sequence.getTracks();
        FileWarnings warnings = new FileWarnings(source);
        for (int t = 0; t < tracks.length; t++) {
            channels.addAll(readTrack(tracks[t], t, ticksPerQuarter, tempos, meters, source, warnings));
        }
        warnings.summarize();
        if (channels.isEmpty()) {
            throw new BadMidiFileException(source, "contains no notes");
        }
        if (channels.size() > PianoRoll.MAX_PARTS) {
            throw new BadMidiFileException(source, "has " + channels.size() + " parts (track and channel pairs with"
                    + " notes); Continuo reads up to " + PianoRoll.MAX_PARTS);
        }
        int lastNoteEnd = 0;
        for (ChannelNotes channel : channels) {
            for (Note note : channel.notes) {
                lastNoteEnd = Math.max(lastNoteEnd, note.endStep());
            }
        }
        List<MeterChange> meterList = List.copyOf(meters.values());
        int steps = Math.min(PianoRoll.MAX_STEPS, barAlignedLength(lastNoteEnd, meterList));
        List<Part> parts = new ArrayList<>();
        for (ChannelNotes channel : channels) {
            Part part = new Part(channel.name, channel.channel, channel.program, channel.track, steps);
            for (Note note : channel.notes) {
                part.addNote(note);
            }
            parts.add(part);
        }
        return new PianoRoll(stepsPerBeat, steps, parts, List.copyOf(tempos.values()), meterList);
    }

    /** The notes of one (track, channel) pair, already on the grid. */
    private record ChannelNotes(String name, int track, int channel, int program, List<Note> notes) {
    }

    private List<ChannelNotes> readTrack(Track track, int trackIndex, int ticksPerQuarter,
            Map<Integer, TempoChange> tempos, Map<Integer, MeterChange> meters, String source, FileWarnings warnings) {
        String name = null;
        NoteCollector[] collectors = new NoteCollector[16];
        int[] programAtFirstNote = new int[16];
        int[] currentProgram = new int[16];
        long endTick = 0;
        for (int i = 0; i < track.size(); i++) {
            MidiEvent event = track.get(i);
            long tick = event.getTick();
            endTick = Math.max(endTick, tick);
            if (event.getMessage() instanceof MetaMessage meta) {
                int step = (int) toStep(tick, ticksPerQuarter);
                byte[] payload = meta.getData();
                switch (meta.getType()) {
                    case META_TRACK_NAME -> {
                        if (name == null) {
                            name = printable(new String(payload, StandardCharsets.ISO_8859_1).trim());
                        }
                    }
                    case META_TEMPO -> readTempo(payload, step, tempos, warnings);
                    case META_TIME_SIGNATURE -> readMeter(payload, step, meters, warnings);
                    default -> { }
                }
            } else if (event.getMessage() instanceof ShortMessage message) {
                int channel = message.getChannel();
                switch (message.getCommand()) {
                    case ShortMessage.NOTE_ON -> {
                        if (collectors[channel] == null) {
                            collectors[channel] = new NoteCollector();
                            programAtFirstNote[channel] = currentProgram[channel];
                        }
                        collectors[channel].noteOn(tick, message.getData1(), message.getData2());
                    }
                    case ShortMessage.NOTE_OFF -> {
                        if (collectors[channel] != null) {
                            collectors[channel].noteOff(tick, message.getData1());
                        }
                    }
                    case ShortMessage.PROGRAM_CHANGE -> currentProgram[channel] = message.getData1();
                    default -> { }
                }
            }
        }
        List<ChannelNotes> result = new ArrayList<>();
        int channelsUsed = 0;
        for (NoteCollector collector : collectors) {
            if (collector != null) {
                channelsUsed++;
            }
        }
        String baseName = name == null || name.isEmpty() ? "Track " + trackIndex : name;
        for (int channel = 0; channel < 16; channel++) {
            NoteCollector collector = collectors[channel];
            if (collector == null) {
                continue;
            }
            collector.closeAll(endTick);
            if (collector.strayNoteOffs() > 0) {
                LOG.debug("{}: track {} channel {}: ignored {} note-offs with no note sounding", source, trackIndex,
                        channel + 1, collector.strayNoteOffs());
            }
            List<Note> notes = new ArrayList<>();
            for (NoteCollector.TickNote tickNote : collector.notes()) {
                int start = (int) toStep(tickNote.startTick(), ticksPerQuarter);
                int end = (int) toStep(tickNote.endTick(), ticksPerQuarter);
                notes.add(new Note(tickNote.pitch(), start, Math.max(1, end - start), tickNote.velocity()));
            }
            if (notes.isEmpty()) {
                continue;
            }
            notes.sort((a, b) -> Integer.compare(a.startStep(), b.startStep()));
            String partName = channelsUsed > 1 ? baseName + " (ch " + (channel + 1) + ")" : baseName;
            result.add(new ChannelNotes(partName, trackIndex, channel, programAtFirstNote[channel], notes));
        }
        return result;
    }

    private static void readTempo(byte[] payload, int step, Map<Integer, TempoChange> tempos,
            FileWarnings warnings) {
        if (payload.length != 3) {
            warnings.warn("ignored a tempo event with " + payload.length + " data bytes (expected 3)");
            return;
        }
        int micros = ((payload[0] & 0xFF) << 16) | ((payload[1] & 0xFF) << 8) | (payload[2] & 0xFF);
        if (micros == 0) {
            warnings.warn("ignored a tempo event of 0 µs per quarter note");
            return;
        }
        tempos.put(step, new TempoChange(step, micros));
    }

    private static void readMeter(byte[] payload, int step, Map<Integer, MeterChange> meters,
            FileWarnings warnings) {
        int numerator = payload.length < 2 ? 0 : payload[0] & 0xFF;
        int denominatorPower = payload.length < 2 ? -1 : payload[1];
        if (numerator < 1 || denominatorPower < 0 || denominatorPower > 6) {
            warnings.warn("ignored a malformed time signature event");
            return;
        }
        meters.put(step, new MeterChange(step, new Meter(numerator, 1 << denominatorPower)));
    }

    private long toStep(long tick, int ticksPerQuarter) {
        return (tick * stepsPerBeat * 2 + ticksPerQuarter) / (2L * ticksPerQuarter);
    }

    private int barAlignedLength(int lastNoteEnd, List<MeterChange> meters) {
        PianoRoll probe = new PianoRoll(stepsPerBeat, lastNoteEnd, List.of(), List.of(), meters);
        int[] bars = probe.barStarts();
        if (bars.length == 0) {
            return lastNoteEnd;
        }
        int lastBar = bars[bars.length - 1];
        return lastBar + probe.meterAt(lastBar).stepsPerBar(stepsPerBeat);
    }

    /** A name from a file as it may reach a terminal: control characters become '?', at most 64 characters. */
    static String printable(String name) {
        StringBuilder text = new StringBuilder(Math.min(name.length(), MAX_NAME));
        for (int i = 0; i < name.length() && text.length() < MAX_NAME; i++) {
            char c = name.charAt(i);
            text.append(c < 0x20 || c >= 0x7F && c < 0xA0 ? '?' : c);
        }
        return text.toString();
    }
}
