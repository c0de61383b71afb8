package dev.continuo.bridge.cli;

import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.model.CorruptWeightsException;
import dev.continuo.engine.preset.Decoding;
import dev.continuo.engine.preset.PartControls;
import dev.continuo.engine.preset.PartSpec;
import dev.continuo.engine.preset.Preset;
import dev.continuo.engine.preset.PresetCatalog;
import dev.continuo.engine.preset.PresetManifest;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code continuo presets}: every preset with its parts, architecture, training data and quality figures. */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = {"List the presets: bundled ones and your own (in the user preset folder)."})
final class PresetsCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        PresetCatalog catalog = new PresetCatalog(PresetLocations.userPresets());
        System.out.println("User presets: " + PresetLocations.userPresets());
        for (PresetCatalog.Entry entry : catalog.list()) {
            System.out.println();
            try {
                print(catalog.load(entry.bundled() ? entry.name() : entry.location()), entry);
            } catch (CorruptWeightsException e) {
                System.out.println(entry.name() + " (" + entry.location() + "): unusable: " + e.getMessage());
            }
        }
        return Continuo.OK;
    }

    /** The part's default controls where they differ from plain playing, e.g. ", muted". */
    private static String controls(PartControls controls) {
        StringBuilder text = new StringBuilder();
        if (controls.muted()) {
            text.append(", muted by default");
        }
        if (controls.solo()) {
            text.append(", solo");
        }
        if (controls.octave() != 0) {
            text.append(String.format(Locale.ROOT, ", octave %+d", controls.octave()));
        }
        if (controls.velocity() != PartControls.DEFAULT_VELOCITY) {
            text.append(", velocity ").append(controls.velocity());
        }
        return text.toString();
    }

    private static void print(Preset preset, PresetCatalog.Entry entry) {
        PresetManifest m = preset.manifest();
        Architecture a = m.architecture();
        System.out.printf(Locale.ROOT, "%s (%s)%s%s%n  %s%n", m.name(), entry.location(),
                m.name().equals(PresetCatalog.DEFAULT) ? " [default]" : "",
                entry.hidesBundled() ? " [hides the bundled preset of this name]" : "", m.description());
        StringBuilder parts = new StringBuilder();
        for (PartSpec part : m.parts()) {
            parts.append(parts.length() == 0 ? "" : ", ").append(part.name()).append(" (ch ").append(part.channel())
                    .append(", GM program ").append(part.program() + 1).append(controls(part.controls()))
                    .append(')');
        }
        System.out.println("  parts: " + parts);
        if (m.decoding().humanize() > 0) {
            System.out.printf(Locale.ROOT, "  humanize: %.2f%n", m.decoding().humanize());
        }
        System.out.printf(Locale.ROOT, "  architecture: %s, pitches %d-%d%s, %d filters, depth %d, %d noise "
                + "channels%s; %.2f M generator parameters%n", a.name(), a.lowestPitch(), a.highestPitch(),
                a.pitchAsChannels() ? " as channels" : "", a.baseFilters(), a.depth(), a.noiseChannels(),
                a.onsets() ? ", onset planes" : "", preset.weights().parameterCount("g.") / 1e6);
        if (m.decoding().keyNormalized() || m.decoding().melodyNoteSteps() > 0) {
            System.out.printf(Locale.ROOT, "  generation: %s%s, density %.2f%n",
                    m.decoding().keyNormalized() ? "in C major / A minor by the melody's key" : "by register",
                    m.decoding().melodyNoteSteps() > 0 ? ", at the data's speed (median note "
                            + m.decoding().melodyNoteSteps() + " sixteenths)" : "", m.decoding().density());
        }
        System.out.println("  voicing: " + voicing(m.decoding()));
        if (m.training() != null) {
            System.out.printf(Locale.ROOT, "  trained on: %s; %d iterations in %.0f min; licence: %s%n",
                    m.training().data(), m.training().iterations(), m.training().seconds() / 60,
                    m.training().license());
        }
        if (!m.metrics().isEmpty()) {
            StringBuilder metrics = new StringBuilder();
            m.metrics().forEach((name, value) -> metrics.append(metrics.length() == 0 ? "" : ", ").append(name)
                    .append(' ').append(String.format(Locale.ROOT, "%.3f", value)));
            System.out.println("  quality: " + metrics);
        }
    }

    /** How the preset's parts choose their pitches. */
    private static String voicing(Decoding decoding) {
        if (decoding.followsProgression()) {
            return String.format(Locale.ROOT, "the parts follow a chord path through %d learnt chords (model weight "
                    + "%.1f, voicing weight %.1f)", decoding.progression().chords().length,
                    decoding.progression().modelWeight(), decoding.progression().voicingWeight());
        }
        if (decoding.voicesChords()) {
            return String.format(Locale.ROOT, "the parts choose their pitches together by %d learnt beat chords "
                    + "(weight %.1f)", decoding.beatChords().size(), decoding.chordWeight());
        }
        return "each part alone";
    }
}
