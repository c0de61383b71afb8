package dev.continuo.bridge.realtime;

import dev.continuo.bridge.cycle.PortLayout;

/**
 * How the real-time engine behaves.
 *
 * @param layout        one output port or four
 * @param clock         where musical time comes from; null chooses per cycle: MIDI clock if it is arriving, else
 *                      the JACK transport if it has a timebase master, else the internal clock
 * @param bars          bars per phrase
 * @param bpm           tempo of the internal clock
 * @param countInBars   bars of count-in before the internal clock's first phrase
 * @param click         metronome on channel 10 throughout (the count-in always clicks)
 * @param partPerPass   part k alone on pass k of a phrase
 * @param echoChannel   channel (0–15) on which the melody is echoed to the first output port, or -1 for no echo
 * @param controlChannel channel (0–15) whose Program Change and Control Change steer the engine
 */
public record EngineOptions(PortLayout layout, ClockSource clock, int bars, double bpm, int countInBars,
        boolean click, boolean partPerPass, int echoChannel, int controlChannel) {

    public EngineOptions {
        if (bars < 1 || bars > 64) {
            throw new IllegalArgumentException("a phrase must be 1–64 bars, not " + bars);
        }
        if (echoChannel < -1 || echoChannel > 15) {
            throw new IllegalArgumentException("echo channel must be 1–16");
        }
        if (controlChannel < 0 || controlChannel > 15) {
            throw new IllegalArgumentException("control channel must be 1–16");
        }
    }
}
