package dev.continuo.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChordSplitterTest {

    private static Part chords(int[]... chords) {
        Part part = new Part("Chords", 0, 0, 1, 8 * chords.length);
        for (int i = 0; i < chords.length; i++) {
            for (int pitch : chords[i]) {
                part.addNote(new Note(pitch, 8 * i, 8, 70));
            }
        }
        return part;
    }

    private static List<Integer> pitches(Part part) {
        return part.notes().stream().map(Note::pitch).toList();
    }

    @Test
    void aTriadGivesItsLowestNoteToTheBassAndItsThreeNotesToTheVoices() {
        List<Part> parts = new ChordSplitter().split(chords(new int[] {43, 47, 50}, new int[] {48, 52, 55, 58}));
        assertEquals(List.of("Bass", "Chord high", "Chord middle", "Chord low"),
                parts.stream().map(Part::name).toList());
        assertEquals(List.of(31, 36), pitches(parts.get(0)), "G2 → G1 and C3 → C2: the octave above E1");
        assertEquals(List.of(50, 58), pitches(parts.get(1)));
        assertEquals(List.of(47, 55), pitches(parts.get(2)));
        assertEquals(List.of(43, 52), pitches(parts.get(3)), "a seventh chord leaves its root to the bass alone");
        assertEquals(8, parts.get(0).notes().get(1).startStep());
        assertEquals(8, parts.get(0).notes().get(1).lengthSteps());
    }

    @Test
    void bassPitchesLieBetweenE1AndDSharp2() {
        for (int pitch = 0; pitch < 128; pitch++) {
            int bass = ChordSplitter.bassPitch(pitch);
            assertTrue(bass >= 28 && bass < 40, pitch + " → " + bass);
            assertEquals(0, Math.floorMod(bass - pitch, 12));
        }
    }

    @Test
    void onlyTracksOfMostlyChordsCountAsChordTracks() {
        assertTrue(ChordSplitter.isChordTrack(chords(new int[] {43, 47, 50}, new int[] {45})));
        assertFalse(ChordSplitter.isChordTrack(chords(new int[] {43}, new int[] {45}, new int[] {45, 48})));
        assertFalse(ChordSplitter.isChordTrack(new Part("empty", 0, 0, 1, 8)));
    }
}
