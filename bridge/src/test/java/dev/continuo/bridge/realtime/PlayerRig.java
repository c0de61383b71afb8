package dev.continuo.bridge.realtime;

import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.serve.PhrasePatterns;
import dev.continuo.engine.roll.Note;
import dev.continuo.engine.roll.Part;
import java.util.List;

/** Drives a Player from an InternalClock cycle by cycle and records what it writes, with absolute frames. */
final class PlayerRig {

    final PhraseBook book = new PhraseBook();
    final ActiveNotes active = new ActiveNotes(256);
    final OutputQueue queue = new OutputQueue(4096);
    final RecordingOutput out = new RecordingOutput();
    final CyclePosition position = new CyclePosition();
    final InternalClock clock;
    final Player player;
    final int sampleRate;
    long frame;

    PlayerRig(int sampleRate, double bpm, int countInBars, int bars, boolean partPerPass, PortLayout layout) {
        this.sampleRate = sampleRate;
        this.clock = new InternalClock(bpm, countInBars);
        this.player = new Player(book, layout, active, bars, partPerPass, false);
    }

    void cycle(int frames) {
        clock.advance(frame, frames, sampleRate, position);
        play(frames);
    }

    /** A cycle the backend never ran (an xrun): time passes, nothing is played. */
    void skip(int frames) {
        frame += frames;
    }

    void stop(int frames) {
        position.stopped(ClockSource.INTERNAL);
        play(frames);
    }

    void runUntil(long endFrame, int frames) {
        while (frame < endFrame) {
            cycle(frames);
        }
    }

    private void play(int frames) {
        out.beginCycle(frame, frames);
        player.play(position, frames, queue);
        queue.flush(out);
        frame += frames;
    }

    static Part part(int channel, int steps, Note... notes) {
        Part part = new Part("part" + channel, channel, 0, -1, steps);
        for (Note note : notes) {
            part.addNote(note);
        }
        return part;
    }

    static PhrasePattern pattern(int steps, Part... parts) {
        return PhrasePatterns.of(steps, List.of(parts), false);
    }

    /** Note events except the metronome (channel 10), described. */
    List<String> notes() {
        return out.events.stream().filter(e -> e.channel() != 9 && (e.noteOn() || e.noteOff()))
                .map(RecordingOutput.Event::describe).sorted().toList();
    }

    List<String> notesBetween(long fromFrame, long toFrame) {
        return out.events.stream().filter(e -> e.channel() != 9 && (e.noteOn() || e.noteOff()))
                .filter(e -> e.frame() >= fromFrame && e.frame() < toFrame)
                .map(RecordingOutput.Event::describe).sorted().toList();
    }
}
