package dev.continuo.engine.preset;

/**
 * One generated part of a preset.
 *
 * @param name    display and MIDI track name
 * @param program General MIDI program, 0–127
 * @param channel MIDI channel, 1–16
 * @param controls how the part is played by default (absent: {@link PartControls#DEFAULT})
 */
public record PartSpec(String name, int program, int channel, PartControls controls) {

    /** A part played with the default controls. */
    public PartSpec(String name, int program, int channel) {
        this(name, program, channel, PartControls.DEFAULT);
    }

    public PartSpec {
        if (controls == null) {
            controls = PartControls.DEFAULT;
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a part needs a name");
        }
        if (program < 0 || program > 127) {
            throw new IllegalArgumentException("part \"" + name + "\": GM program out of range 0..127: " + program);
        }
        if (channel < 1 || channel > 16) {
            throw new IllegalArgumentException("part \"" + name + "\": MIDI channel out of range 1..16: " + channel);
        }
    }
}
