package dev.continuo.engine.data;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a chord track (block chords, as in the Nottingham folk tunes) into a bass line and three chord voices, the
 * way a folk band would play it: the bass plays each chord's lowest note moved by octaves into the bass register
 * (E1 up to D#2), and the three voices play the chord's three highest notes, highest first. A four-note chord thus
 * keeps all its pitch classes (root in the bass, third, fifth and seventh above); a triad sounds its root twice.
 */
public final class ChordSplitter {

    /** The bass register's lowest pitch (E1, a bass guitar's open string); the bass lies in the octave above. */
    static final int BASS_LOWEST = 28;

    /** A track counts as chords when at least this share of its onsets start two or more notes together. */
    static final double CHORD_SHARE = 0.5;

    private static final String[] NAMES = {"Bass", "Chord high", "Chord middle", "Chord low"};

    /** True if most of the part's onsets are chords (two or more notes starting together). */
    public static boolean isChordTrack(Part part) {
        Map<Integer, Integer> sizes = onsetSizes(part);
        long chords = sizes.values().stream().filter(size -> size >= 2).count();
        return !sizes.isEmpty() && chords >= CHORD_SHARE * sizes.size();
    }

    /** The bass and the three voices, each as long as the chord track. */
    public List<Part> split(Part chords) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < Architecture.TRACKS; i++) {
            parts.add(new Part(NAMES[i], chords.channel(), chords.program(), chords.sourceTrack(), chords.steps()));
        }
        Map<Integer, List<Note>> byOnset = new TreeMap<>();
        for (Note note : chords.notes()) {
            byOnset.computeIfAbsent(note.startStep(), k -> new ArrayList<>()).add(note);
        }
        for (List<Note> chord : byOnset.values()) {
            chord.sort(Comparator.comparingInt(Note::pitch).reversed());
            Note lowest = chord.get(chord.size() - 1);
            parts.get(0).addNote(new Note(bassPitch(lowest.pitch()), lowest.startStep(), lowest.lengthSteps(),
                    lowest.velocity()));
            for (int voice = 0; voice < Math.min(3, chord.size()); voice++) {
                parts.get(voice + 1).addNote(chord.get(voice));
            }
        }
        return parts;
    }

    static int bassPitch(int pitch) {
        return BASS_LOWEST + Math.floorMod(pitch - BASS_LOWEST, 12);
    }

    private static Map<Integer, Integer> onsetSizes(Part part) {
        Map<Integer, Integer> sizes = new TreeMap<>();
        for (Note note : part.notes()) {
            sizes.merge(note.startStep(), 1, Integer::sum);
        }
        return sizes;
    }
}
