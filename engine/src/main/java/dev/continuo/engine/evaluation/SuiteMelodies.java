package dev.continuo.engine.evaluation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuo.engine.roll.Meter;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public-domain melodies of the generalization suite ({@value #RESOURCE}): children's songs, hymns, carols and
 * modal folk songs in many keys, in 4/4, 3/4 and 6/8, several with pickups.
 *
 * <p>Each melody's notes are written {@code PITCH:QUARTERS} (e.g. {@code F#4:1.5}; {@code r} is a rest; a duration
 * carries over to the following notes until another is given), with {@code |} between bars. Every bar but the first
 * (a pickup, written as a rest and the pickup notes) and the last must fill the meter, which catches typing slips.
 */
public final class SuiteMelodies {

    static final String RESOURCE = "/dev/continuo/engine/suite/melodies.json";
    private static final Pattern TOKEN = Pattern.compile("(r|[A-G](?:#|b)?-?\\d)(?::(\\d+(?:\\.\\d+)?))?");
    private static final int[] NATURALS = {9, 11, 0, 2, 4, 5, 7}; // A B C D E F G

    /** One melody as written in the resource. */
    record Written(String name, String kind, String meter, String notes) {
    }

    private record File(String description, List<Written> melodies) {
    }

    private SuiteMelodies() {
    }

    /** Every melody of the suite, as pieces without a reference accompaniment. */
    public static List<EvaluationPiece> load() {
        try (InputStream in = SuiteMelodies.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            File file = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, File.class);
            List<EvaluationPiece> pieces = new ArrayList<>();
            for (Written melody : file.melodies()) {
                pieces.add(parse(melody));
            }
            return pieces;
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": cannot read the suite's melodies", e);
        }
    }

    /** @throws IllegalArgumentException naming the melody and bar of a malformed note or a bar of the wrong length */
    static EvaluationPiece parse(Written written) {
        String[] meterParts = written.meter().split("/");
        Meter meter = new Meter(Integer.parseInt(meterParts[0]), Integer.parseInt(meterParts[1]));
        int barSteps = meter.stepsPerBar(PianoRoll.DEFAULT_STEPS_PER_BEAT);
        String[] bars = written.notes().split("\\|");
        List<Note> notes = new ArrayList<>();
        int step = 0;
        int duration = PianoRoll.DEFAULT_STEPS_PER_BEAT;
        for (int bar = 0; bar < bars.length; bar++) {
            int barStart = step;
            for (String token : bars[bar].trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                Matcher matcher = TOKEN.matcher(token);
                if (!matcher.matches()) {
                    throw new IllegalArgumentException(written.name() + ", bar " + (bar + 1) + ": \"" + token
                            + "\" is not PITCH[:QUARTERS]");
                }
                if (matcher.group(2) != null) {
                    duration = steps(written.name(), bar, matcher.group(2));
                }
                if (!matcher.group(1).equals("r")) {
                    notes.add(new Note(pitch(matcher.group(1)), step, duration, 90));
                }
                step += duration;
            }
            boolean inner = bar > 0 && bar < bars.length - 1;
            if (inner && step - barStart != barSteps) {
                throw new IllegalArgumentException(written.name() + ", bar " + (bar + 1) + ": " + (step - barStart)
                        + " sixteenths in a bar of " + meter + " (" + barSteps + ")");
            }
        }
        Part melody = new Part(written.name(), 0, 0, -1, step);
        notes.forEach(melody::addNote);
        return new EvaluationPiece(written.name(), melody, List.of(), meter);
    }

    private static int steps(String name, int bar, String quarters) {
        double value = Double.parseDouble(quarters) * PianoRoll.DEFAULT_STEPS_PER_BEAT;
        if (value < 1 || value != Math.rint(value)) {
            throw new IllegalArgumentException(name + ", bar " + (bar + 1) + ": " + quarters
                    + " quarters is not a whole number of sixteenths");
        }
        return (int) value;
    }

    /** MIDI pitch of e.g. "C4" (60), "F#4", "Bb3". */
    static int pitch(String name) {
        int pitchClass = NATURALS[name.charAt(0) - 'A'];
        int index = 1;
        if (name.charAt(index) == '#') {
            pitchClass++;
            index++;
        } else if (name.charAt(index) == 'b') {
            pitchClass--;
            index++;
        }
        return 12 * (Integer.parseInt(name.substring(index)) + 1) + pitchClass;
    }
}
