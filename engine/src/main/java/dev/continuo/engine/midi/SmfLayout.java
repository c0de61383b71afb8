package dev.continuo.engine.midi;

/**
 * What a structural scan learned about a Standard MIDI File.
 *
 * @param format          SMF format, 0 or 1
 * @param tracks          number of track chunks
 * @param ticksPerQuarter time division in ticks per quarter note
 * @param events          number of events in all tracks
 * @param lastTick        the largest absolute tick of any event
 */
public record SmfLayout(int format, int tracks, int ticksPerQuarter, long events, long lastTick) {
}
