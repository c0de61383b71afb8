package dev.continuo.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.roll.Note;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsbChoralesTest {

    @TempDir
    Path dir;

    @Test
    void readsVoicesWithHeldNotesAndRests() throws Exception {
        // Soprano: 72 held for 3 steps, then 74; alto rests on step 2 (-1); tenor and bass constant.
        Path file = dir.resolve("jsb.json");
        Files.writeString(file, """
                {"train": [[[72, 67, 64, 48], [72, 67, 64, 48], [72, -1, 64, 48], [74, 67, 64.0, 48]]],
                 "valid": [], "test": []}""");
        List<Example> chorales = new JsbChorales().read(file, "train");
        assertEquals(1, chorales.size());
        Example chorale = chorales.get(0);
        assertEquals(4, chorale.steps());
        assertEquals(List.of(new Note(72, 0, 3, 80), new Note(74, 3, 1, 80)), chorale.melody().notes());
        assertEquals(List.of(new Note(67, 0, 2, 80), new Note(67, 3, 1, 80)), chorale.parts().get(1).notes());
        assertEquals(List.of(new Note(48, 0, 4, 80)), chorale.parts().get(3).notes());
        assertEquals("Bass", chorale.parts().get(3).name());
    }

    @Test
    void badFilesGetClearMessages() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"train\": [[[72, 67, 64, 48, 40]]]}");
        assertTrue(assertThrows(DatasetException.class, () -> new JsbChorales().read(file, "train")).getMessage()
                .contains("step 0 is not a list of up to 4 pitches"));
        assertTrue(assertThrows(DatasetException.class, () -> new JsbChorales().read(file, "test")).getMessage()
                .contains("no split \"test\""));
        Files.writeString(file, "not json");
        assertTrue(assertThrows(DatasetException.class, () -> new JsbChorales().read(file, "train")).getMessage()
                .startsWith(file + ": cannot read chorales"));
    }
}
