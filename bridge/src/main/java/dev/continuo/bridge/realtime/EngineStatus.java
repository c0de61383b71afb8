package dev.continuo.bridge.realtime;

/**
 * A snapshot of the real-time engine for status lines and {@code continuo ctl status}.
 *
 * @param droppedInputBytes bytes dropped by the input parser: garbage, and SysEx too long to take
 * @param tooLongSysExBytes of those, the bytes of valid SysEx messages dropped only for their length
 * @param lostOutput        output events that did not fit a cycle or a port buffer, or notes over the polyphony limit
 * @param lostCapture       melody events the capture thread could not take in time
 */
public record EngineStatus(ClockSource clock, boolean rolling, double step, int stepsPerBar, double beatsPerMinute,
        long phrase, int pass, long messagesIn, long notesIn, long sysExIn, long droppedInputBytes,
        long tooLongSysExBytes, long lostOutput, long lostCapture, int soundingNotes, long cycles) {

    /** Bar (from 1) and beat (from 1) of the position, e.g. "5.3". */
    public String barBeat() {
        if (stepsPerBar <= 0) {
            return "-";
        }
        long bar = Math.floorDiv((long) Math.floor(step), stepsPerBar) + 1;
        long beat = Math.floorMod((long) Math.floor(step), stepsPerBar) / 4 + 1;
        return bar + "." + beat;
    }
}
