package dev.continuo.bridge.serve;

import dev.continuo.engine.model.Architecture;
import java.util.Locale;

/**
 * The control protocol's mix change as the Control Change that makes it ({@link ControlChanges}), so that {@code
 * continuo ctl mix}, the studio's live page and a controller turn the mix the same way: {@code PART mute on|off},
 * {@code PART solo on|off}, {@code PART octave -2..2}, {@code PART velocity 1..127}, PART 1–4.
 *
 * @param controller the controller number on the control channel
 * @param value      its value, 0–127
 */
record MixControl(int controller, int value) {

    static final String USAGE = "mix PART mute|solo on|off, mix PART octave -2..2, mix PART velocity 1..127 "
            + "(PART 1-" + Architecture.TRACKS + ")";
    private static final int OCTAVES = 2;

    /**
     * Reads the words after {@code mix}.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static MixControl parse(String argument) {
        String[] words = argument == null ? new String[0] : argument.strip().split("\\s+");
        if (words.length != 3) {
            throw new IllegalArgumentException(USAGE);
        }
        int part = number(words[0], 1, Architecture.TRACKS, "PART") - 1;
        String value = words[2].toLowerCase(Locale.ROOT);
        return switch (words[1].toLowerCase(Locale.ROOT)) {
            case "mute" -> new MixControl(ControlChanges.MUTE + part, onOff(value));
            case "solo" -> new MixControl(ControlChanges.SOLO + part, onOff(value));
            case "octave" -> new MixControl(ControlChanges.OCTAVE + part,
                    Math.min(127, 64 + 32 * number(value, -OCTAVES, OCTAVES, "octave")));
            case "velocity" -> new MixControl(ControlChanges.VELOCITY + part, number(value, 1, 127, "velocity"));
            default -> throw new IllegalArgumentException(USAGE);
        };
    }

    private static int onOff(String value) {
        return switch (value) {
            case "on" -> 127;
            case "off" -> 0;
            default -> throw new IllegalArgumentException("mute and solo take on or off, not \""
                    + printable(value) + "\"");
        };
    }

    private static int number(String word, int low, int high, String what) {
        try {
            int value = Integer.parseInt(word);
            if (value >= low && value <= high) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, as a value out of range is
        }
        throw new IllegalArgumentException(what + " takes " + low + ".." + high + ", not \"" + printable(word)
                + "\"");
    }

    /** At most 40 printable ASCII characters, so that an error stays one safe line. */
    private static String printable(String word) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length() && out.length() < 40; i++) {
            char c = word.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
