package dev.continuo.engine.data;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link Example} as bytes, for corpus shards and for sending examples to other machines: the name, then the
 * melody and each part as name, channel, program, source track, steps and notes (pitch, start, length, velocity).
 * Decoding checks every count and value against what a part can hold, so a damaged record is refused in one line
 * rather than read as something else.
 */
public final class ExampleCodec {

    private static final int MAX_NAME_CHARS = 4096;

    private ExampleCodec() {
    }

    /** The example's bytes. */
    public static byte[] encode(Example example) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(truncated(example.name()));
            writePart(out, example.melody());
            out.writeByte(example.parts().size());
            for (Part part : example.parts()) {
                writePart(out, part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads bytes written by {@link #encode}.
     *
     * @param source where the bytes came from, for messages
     * @throws DatasetException in one line if they are truncated, too long or hold values no part can have
     */
    public static Example decode(byte[] data, String source) throws DatasetException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            String name = in.readUTF();
            Part melody = readPart(in);
            int count = in.readUnsignedByte();
            if (count > Architecture.TRACKS) {
                throw new DatasetException(source + ": example has " + count + " parts, at most "
                        + Architecture.TRACKS + " allowed");
            }
            List<Part> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                parts.add(readPart(in));
            }
            if (in.available() > 0) {
                throw new DatasetException(source + ": " + in.available() + " bytes after the example's end");
            }
            return new Example(name, melody, parts);
        } catch (EOFException e) {
            throw new DatasetException(source + ": example record is truncated", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new DatasetException(source + ": damaged example record (" + e.getMessage() + ")", e);
        }
    }

    private static String truncated(String name) {
        return name.length() <= MAX_NAME_CHARS ? name : name.substring(0, MAX_NAME_CHARS);
    }

    private static void writePart(DataOutputStream out, Part part) throws IOException {
        out.writeUTF(truncated(part.name()));
        out.writeByte(part.channel());
        out.writeByte(part.program());
        out.writeInt(part.sourceTrack());
        out.writeInt(part.steps());
        List<Note> notes = part.notes();
        out.writeInt(notes.size());
        for (Note note : notes) {
            out.writeByte(note.pitch());
            out.writeInt(note.startStep());
            out.writeInt(note.lengthSteps());
            out.writeByte(note.velocity());
        }
    }

    private static Part readPart(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int channel = in.readUnsignedByte();
        int program = in.readUnsignedByte();
        int sourceTrack = in.readInt();
        int steps = in.readInt();
        Part part = new Part(name, channel, program, sourceTrack, steps);
        int notes = in.readInt();
        if (notes < 0 || (long) notes > (long) steps * PianoRoll.PITCHES) {
            throw new IllegalArgumentException(notes + " notes cannot fit " + steps + " steps");
        }
        for (int i = 0; i < notes; i++) {
            part.addNote(new Note(in.readUnsignedByte(), in.readInt(), in.readInt(), in.readUnsignedByte()));
        }
        return part;
    }
}
