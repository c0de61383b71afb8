package dev.continuo.bridge.serve;

import dev.continuo.bridge.realtime.EngineStatus;
import java.util.Locale;

/** A live status line on the terminal, redrawn in place. */
final class StatusLine {

    /** Draws the line for {@code session}. */
    void draw(Session session) {
        EngineStatus status = session.engineStatus();
        draw(String.format(Locale.ROOT, "%s %s  bar %s  %.0f bpm  phrase %d pass %d  notes in %d  sounding %d  "
                + "preset %s", status.clock().id(), status.rolling() ? "playing" : "stopped", status.barBeat(),
                status.beatsPerMinute(), status.phrase() + 1, status.pass(), status.notesIn(),
                status.soundingNotes(), session.presetName()));
    }

    private void draw(String text) {
        System.out.print("\r\033[K" + text);
        System.out.flush();
    }

    void clear() {
        System.out.print("\r\033[K");
        System.out.flush();
    }
}
