package dev.continuo.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.engine.files.BoundedFiles;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Bach chorales in the JSON layout Coconet published ({@code Jsb16thSeparated.json}): splits "train", "valid",
 * "test", each a list of chorales, each a list of sixteenth-note steps holding four MIDI pitches (soprano, alto,
 * tenor, bass; -1 or a missing entry for silence).
 *
 * <p>The layout cannot tell a held note from a repeated one, so a pitch that continues on the next step is read as
 * held. The soprano is the melody; the four parts to generate are soprano, alto, tenor and bass, as in
 * DeepComposer's lab. Stateless.
 */
public final class JsbChorales {

    /** The largest chorale file read (the whole JSB set is under 1 MB). */
    private static final long MAX_FILE_BYTES = 64L << 20;

    /** The voices, top down, with their GM programs (Choir Aahs) and channels. */
    public static final List<String> VOICES = List.of("Soprano", "Alto", "Tenor", "Bass");
    private static final int CHOIR = 52;

    /**
     * Reads one split.
     *
     * @throws DatasetException if the file is missing, not JSON, lacks the split, or holds something else
     */
    public List<Example> read(Path file, String split) throws DatasetException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(BoundedFiles.read(file, MAX_FILE_BYTES));
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read chorales (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        JsonNode chorales = root == null ? null : root.get(split);
        if (chorales == null || !chorales.isArray()) {
            throw new DatasetException(file + ": no split \"" + split + "\" (expected train, valid or test)");
        }
        List<Example> examples = new ArrayList<>();
        for (int c = 0; c < chorales.size(); c++) {
            examples.add(chorale(file + " " + split + "[" + c + "]", chorales.get(c)));
        }
        return examples;
    }

    private static Example chorale(String name, JsonNode steps) throws DatasetException {
        if (!steps.isArray() || steps.isEmpty()) {
            throw new DatasetException(name + ": a chorale must be a non-empty list of steps");
        }
        int length = steps.size();
        int[][] pitches = new int[VOICES.size()][length];
        for (int t = 0; t < length; t++) {
            JsonNode step = steps.get(t);
            if (!step.isArray() || step.size() > VOICES.size()) {
                throw new DatasetException(name + ": step " + t + " is not a list of up to 4 pitches");
            }
            for (int v = 0; v < VOICES.size(); v++) {
                int pitch = v < step.size() && step.get(v).isNumber() ? (int) Math.round(step.get(v).asDouble()) : -1;
                if (pitch > 127) {
                    throw new DatasetException(name + ": step " + t + " has pitch " + pitch + " above 127");
                }
                pitches[v][t] = pitch;
            }
        }
        List<Part> voices = new ArrayList<>();
        for (int v = 0; v < VOICES.size(); v++) {
            voices.add(voice(VOICES.get(v), v, pitches[v]));
        }
        return new Example(name, voices.get(0), voices);
    }

    /** A voice whose consecutive equal pitches are one held note. */
    static Part voice(String name, int channel, int[] pitches) {
        Part part = new Part(name, channel, CHOIR, channel + 1, pitches.length);
        int t = 0;
        while (t < pitches.length) {
            int pitch = pitches[t];
            int end = t + 1;
            while (end < pitches.length && pitches[end] == pitch) {
                end++;
            }
            if (pitch >= 0) {
                part.addNote(new Note(pitch, t, end - t, 80));
            }
            t = end;
        }
        return part;
    }
}
