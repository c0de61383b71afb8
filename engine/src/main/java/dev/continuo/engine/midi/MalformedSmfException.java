package dev.continuo.engine.midi;

/** The bytes of a Standard MIDI File break its structure; the message names the problem and the byte offset. */
public final class MalformedSmfException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedSmfException(String message) {
        super(message);
    }
}
