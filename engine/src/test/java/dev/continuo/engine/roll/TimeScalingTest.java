package dev.continuo.engine.roll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeScalingTest {

    private static Part part(int steps, Note... notes) {
        Part part = new Part("p", 2, 19, -1, steps);
        for (Note note : notes) {
            part.addNote(note);
        }
        return part;
    }

    @Test
    void slowerAndFasterKeepTheIdentityAndScaleEveryNote() {
        Part tune = part(8, new Note(60, 0, 3, 90), new Note(62, 3, 1, 80), new Note(64, 4, 4, 70));
        Part slow = TimeScaling.scaled(tune, 2, 1);
        assertEquals(16, slow.steps());
        assertEquals(List.of(new Note(60, 0, 6, 90), new Note(62, 6, 2, 80), new Note(64, 8, 8, 70)), slow.notes());
        assertEquals(2, slow.channel());
        assertEquals(19, slow.program());
        Part fast = TimeScaling.scaled(tune, 1, 2);
        assertEquals(4, fast.steps());
        assertEquals(List.of(new Note(60, 0, 1, 90), new Note(62, 1, 1, 80), new Note(64, 2, 2, 70)), fast.notes(),
                "1.5 steps rounds down, a sixteenth stays a sixteenth");
    }

    @Test
    void aGivenLengthCutsWhatRunsPastIt() {
        Part tune = part(8, new Note(60, 0, 4, 90), new Note(62, 4, 4, 90));
        assertEquals(List.of(new Note(60, 0, 6, 90)), TimeScaling.scaled(tune, 2, 1, 6).notes());
        assertThrows(IllegalArgumentException.class, () -> TimeScaling.scaled(tune, 0, 1));
    }
}
