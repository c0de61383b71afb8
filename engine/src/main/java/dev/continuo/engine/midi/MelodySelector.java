package dev.continuo.engine.midi;

import dev.continuo.engine.roll.Part;
import dev.continuo.engine.roll.PianoRoll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Chooses the melody among the parts of a roll: by MIDI file track, by MIDI channel, or by a heuristic.
 *
 * <p>The heuristic skips percussion, keeps the parts that are mostly monophonic (at most one note sounding on at
 * least {@value #MONOPHONIC_SHARE} of their sounding steps; all parts if none is), keeps those among them with at
 * least half as many notes as the busiest, and takes the one with the highest mean pitch. Stateless.
 */
public final class MelodySelector {

    static final double MONOPHONIC_SHARE = 0.9;

    /** The melody chosen by the heuristic. */
    public MelodySelection choose(PianoRoll roll) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < roll.parts().size(); i++) {
            if (!roll.part(i).isPercussion() && roll.part(i).notes().size() > 0) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the file has no pitched notes to take as a melody");
        }
        return chooseAmong(roll, candidates, "");
    }

    /**
     * The melody on a MIDI file track, counted from 0 as in the file; if the track holds several channels, the
     * heuristic picks among them.
     *
     * @throws IllegalArgumentException if the track holds no notes
     */
    public MelodySelection byTrack(PianoRoll roll, int track) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < roll.parts().size(); i++) {
            if (roll.part(i).sourceTrack() == track) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("track " + track + " has no notes; tracks with notes: "
                    + roll.parts().stream().map(p -> String.valueOf(p.sourceTrack())).distinct()
                            .collect(Collectors.joining(", ")));
        }
        return chooseAmong(roll, candidates, " on the requested track");
    }

    /**
     * The melody on a MIDI channel, counted from 1 as musicians do; the heuristic picks if several tracks use it.
     *
     * @throws IllegalArgumentException if the channel holds no notes
     */
    public MelodySelection byChannel(PianoRoll roll, int channelFromOne) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < roll.parts().size(); i++) {
            if (roll.part(i).channel() == channelFromOne - 1) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("channel " + channelFromOne + " has no notes; channels with notes: "
                    + roll.parts().stream().map(p -> String.valueOf(p.channel() + 1)).distinct()
                            .collect(Collectors.joining(", ")));
        }
        return chooseAmong(roll, candidates, " on the requested channel");
    }

    private MelodySelection chooseAmong(PianoRoll roll, List<Integer> candidates, String scope) {
        if (candidates.size() == 1) {
            int only = candidates.get(0);
            return new MelodySelection(only, describe(roll.part(only)) + ": the only part" + scope);
        }
        List<PartProfile> profiles = candidates.stream().map(i -> PartProfile.of(i, roll.part(i))).toList();
        List<PartProfile> monophonic = profiles.stream()
                .filter(p -> p.monophonicShare >= MONOPHONIC_SHARE).toList();
        List<PartProfile> pool = monophonic.isEmpty() ? profiles : monophonic;
        int mostNotes = pool.stream().mapToInt(p -> p.notes).max().orElseThrow();
        PartProfile best = pool.stream()
                .filter(p -> p.notes * 2 >= mostNotes)
                .max((a, b) -> a.meanPitch != b.meanPitch ? Double.compare(a.meanPitch, b.meanPitch)
                        : Integer.compare(a.notes, b.notes))
                .orElseThrow();
        String why = monophonic.isEmpty()
                ? "no part is mostly monophonic; the highest part with at least half the most notes"
                : "the highest mostly monophonic part with at least half the most notes";
        return new MelodySelection(best.index, String.format(Locale.ROOT, "%s: %s%s (%d notes, %.0f%% monophonic,"
                + " mean pitch %.1f)", describe(roll.part(best.index)), why, scope, best.notes,
                100 * best.monophonicShare, best.meanPitch));
    }

    private static String describe(Part part) {
        return "track " + part.sourceTrack() + " \"" + part.name() + "\" (channel " + (part.channel() + 1) + ")";
    }

    private record PartProfile(int index, int notes, double monophonicShare, double meanPitch) {

        static PartProfile of(int index, Part part) {
            int sounding = 0;
            int single = 0;
            long pitchSum = 0;
            int noteCount = 0;
            for (int step = 0; step < part.steps(); step++) {
                int count = part.soundingCount(step);
                if (count > 0) {
                    sounding++;
                    if (count == 1) {
                        single++;
                    }
                }
            }
            for (var note : part.notes()) {
                pitchSum += note.pitch();
                noteCount++;
            }
            return new PartProfile(index, noteCount, sounding == 0 ? 0 : (double) single / sounding,
                    noteCount == 0 ? 0 : (double) pitchSum / noteCount);
        }
    }
}
