package dev.continuo.bridge.cli;

import dev.continuo.engine.midi.MelodySelection;
import dev.continuo.engine.midi.MelodySelector;
import dev.continuo.engine.roll.PianoRoll;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --melody-track N | --melody-channel C}: which part of a file is the melody. */
final class MelodyChoice {

    @Option(names = "--melody-track", paramLabel = "N",
            description = "MIDI file track holding the melody, counted from 0 as in the file.")
    Integer track;

    @Option(names = "--melody-channel", paramLabel = "C", description = "MIDI channel of the melody, 1-16.")
    Integer channel;

    /** The melody of the roll read from {@code file}, as the user asked or by the heuristic. */
    MelodySelection choose(PianoRoll roll, Path file) throws BadInputException {
        MelodySelector selector = new MelodySelector();
        try {
            return track != null ? selector.byTrack(roll, track)
                    : channel != null ? selector.byChannel(roll, channel)
                    : selector.choose(roll);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }
}
