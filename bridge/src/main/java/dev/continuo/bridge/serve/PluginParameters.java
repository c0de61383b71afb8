package dev.continuo.bridge.serve;

import dev.continuo.bridge.plugin.LinkLayout;
import dev.continuo.engine.generate.GenerationSettings;
import dev.continuo.engine.generate.Mix;
import dev.continuo.engine.model.Architecture;
import dev.continuo.engine.preset.PartControls;
import java.util.Arrays;

/**
 * The host parameters a plug-in session has heard (SETTING records; ids and meanings in {@code continuo_link.h}),
 * and the generation settings they make. The plug-in sends every parameter when a link opens and again on each
 * change; a value heard for the first time sets how the session goes on, and only a change of a value heard
 * before re-voices the phrases already accompanied (so a reopened project keeps its saved accompaniment).
 * Parameters the plug-in applies itself (capture, thru, bars) are kept but change nothing here. The mix
 * parameters act on the preset's own mix: mute and solo add to its (a part the preset mutes stays muted), octaves
 * add to its octave, velocity scales its velocity.
 *
 * <p>Set on the housekeeping thread; settings are also made on the generation worker after a preset switch, so
 * both are synchronized (neither runs on a real-time thread).
 */
final class PluginParameters {

    /** Seeds of successive variations lie this far apart. */
    static final long VARIATION_STRIDE = 65536;

    private final double[] values = new double[LinkLayout.PARAMS];
    private boolean changed;
    private boolean revoice;
    private boolean presetChanged;

    PluginParameters() {
        Arrays.fill(values, Double.NaN);
    }

    /** Takes one SETTING; an unknown id, a value that is not a number and a repeated value change nothing. */
    synchronized void set(int id, double value) {
        if (id < 0 || id >= values.length || !Double.isFinite(value) || values[id] == value) {
            return;
        }
        boolean heardBefore = !Double.isNaN(values[id]);
        values[id] = value;
        if (id == LinkLayout.PARAM_CAPTURE || id == LinkLayout.PARAM_THRU || id == LinkLayout.PARAM_BARS) {
            return;
        }
        changed |= id != LinkLayout.PARAM_PRESET || heardBefore || value != 0;
        revoice |= heardBefore;
        presetChanged |= id == LinkLayout.PARAM_PRESET && (heardBefore || value != 0);
    }

    /** Whether settings changed since the last {@link #taken}. */
    synchronized boolean changed() {
        return changed;
    }

    /** Whether the change should re-voice the phrases already accompanied. */
    synchronized boolean revoices() {
        return revoice;
    }

    /** Whether the preset parameter changed since the last {@link #taken}. */
    synchronized boolean presetChanged() {
        return presetChanged;
    }

    /** The changes so far have been applied. */
    synchronized void taken() {
        changed = false;
        revoice = false;
        presetChanged = false;
    }

    /** 0 for the session's own preset, n for the n-th of the catalog (Program Change n − 1). */
    synchronized int preset() {
        return (int) valueOr(LinkLayout.PARAM_PRESET, 0);
    }

    /**
     * The settings these parameters make from the session's own and the preset's mix; parameters not heard keep
     * what those say.
     */
    synchronized GenerationSettings settings(GenerationSettings base, Mix presetMix) {
        GenerationSettings settings = base;
        if (!Double.isNaN(values[LinkLayout.PARAM_SEED]) || !Double.isNaN(values[LinkLayout.PARAM_VARIATION])) {
            long seed = (long) valueOr(LinkLayout.PARAM_SEED, base.seed());
            settings = settings.withSeed(seed + VARIATION_STRIDE * (long) valueOr(LinkLayout.PARAM_VARIATION, 0));
        }
        double density = values[LinkLayout.PARAM_DENSITY];
        if (!Double.isNaN(density)) {
            settings = settings.withDensity(clamp(density, 0, 1));
        }
        double noise = values[LinkLayout.PARAM_NOISE];
        if (!Double.isNaN(noise)) {
            settings = settings.withNoiseScale(clamp(noise, 0, 4));
        }
        return settings.withMix(mix(presetMix));
    }

    private Mix mix(Mix preset) {
        Mix mix = preset;
        double humanize = values[LinkLayout.PARAM_HUMANIZE];
        if (!Double.isNaN(humanize)) {
            mix = mix.withHumanize(clamp(humanize, 0, 1));
        }
        for (int part = 0; part < Architecture.TRACKS; part++) {
            PartControls controls = preset.parts().get(part);
            int octave = (int) clamp(controls.octave() + Math.round(valueOr(LinkLayout.PARAM_OCTAVE_1 + part, 0)),
                    -PartControls.MAX_OCTAVES, PartControls.MAX_OCTAVES);
            double percent = valueOr(LinkLayout.PARAM_VELOCITY_1 + part, 100);
            int velocity = (int) clamp(Math.round(controls.velocity() * percent / 100), 1, 127);
            mix = mix.withPart(part, new PartControls(
                    controls.muted() || valueOr(LinkLayout.PARAM_MUTE_1 + part, 0) >= 0.5,
                    controls.solo() || valueOr(LinkLayout.PARAM_SOLO_1 + part, 0) >= 0.5, octave, velocity));
        }
        return mix;
    }

    private double valueOr(int id, double fallback) {
        return Double.isNaN(values[id]) ? fallback : values[id];
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
