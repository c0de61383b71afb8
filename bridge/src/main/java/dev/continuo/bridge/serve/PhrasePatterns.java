package dev.continuo.bridge.serve;

import dev.continuo.bridge.realtime.PhrasePattern;
import dev.continuo.engine.preset.PartSpec;
import dev.continuo.engine.preset.PresetManifest;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.List;

/** Turns the generator's parts into the real-time side's {@link PhrasePattern}; on the generation side. */
public final class PhrasePatterns {

    private PhrasePatterns() {
    }

    /**
     * @param steps               length of the phrase in steps
     * @param parts               the accompaniment parts; part k keeps its own MIDI channel and program
     * @param waitsForPhraseStart replace the phrase's current pattern only when the phrase starts again
     */
    public static PhrasePattern of(int steps, List<Part> parts, boolean waitsForPhraseStart) {
        PhrasePattern.Builder builder = PhrasePattern.builder(steps, parts.size());
        for (int index = 0; index < parts.size(); index++) {
            Part part = parts.get(index);
            builder.part(index, part.channel(), part.program());
            for (Note note : part.notes()) {
                builder.note(index, note.startStep(), note.endStep(), note.pitch(), note.velocity());
            }
        }
        return builder.build(waitsForPhraseStart);
    }

    /** Pairs (channel 0–15, program) for each part, as the real-time engine sends them. */
    static int[] programs(PresetManifest manifest) {
        List<PartSpec> parts = manifest.parts();
        int[] pairs = new int[parts.size() * 2];
        for (int part = 0; part < parts.size(); part++) {
            pairs[2 * part] = parts.get(part).channel() - 1;
            pairs[2 * part + 1] = parts.get(part).program();
        }
        return pairs;
    }
}
