package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.engine.roll.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseHistoryTest {

    private static CapturedPhrase phrase(int index) {
        return new CapturedPhrase(index, index % 4, new Part("melody", 0, 0, -1, 32), 0, true, 16);
    }

    @Test
    void numbersAccompanimentsInOrderAndKeepsTheNewest() {
        PhraseHistory history = new PhraseHistory();
        assertEquals(0, history.newest());
        assertEquals(List.of(), history.since(0));
        for (int index = 0; index < PhraseHistory.KEPT + 4; index++) {
            history.add(phrase(index), List.of());
        }
        assertEquals(PhraseHistory.KEPT + 4, history.newest());
        List<PhraseHistory.Entry> kept = history.since(0);
        assertEquals(PhraseHistory.KEPT, kept.size());
        assertEquals(5, kept.get(0).sequence(), "the first four were dropped");
        assertEquals(4, kept.get(0).phrase());
        assertEquals(0, kept.get(0).bookIndex());
        assertEquals(List.of(19L, 20L), history.since(18).stream().map(PhraseHistory.Entry::sequence).toList());
        assertEquals(List.of(), history.since(20));
    }
}
