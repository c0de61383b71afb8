package dev.continuo.bridge.serve;

import dev.continuo.engine.generate.GenerationSettings;

/**
 * What plug-in sessions start with unless {@code plugin-open} says otherwise.
 *
 * @param preset     the preset (name or folder)
 * @param bars       bars per phrase (1–64)
 * @param generation generation settings, used as they are with {@code preset} and with another preset's own mix
 */
public record PluginSettings(String preset, int bars, GenerationSettings generation) {

    public PluginSettings {
        if (bars < 1 || bars > 64) {
            throw new IllegalArgumentException("a phrase must be 1–64 bars, not " + bars);
        }
    }
}
