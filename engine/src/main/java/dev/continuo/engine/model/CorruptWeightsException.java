package dev.continuo.engine.model;

import dev.continuo.engine.files.TerminalText;

/**
 * A weights file or preset that cannot be used; the message is one line for the user naming the file. It may quote
 * the file (a parser's token), so control characters become '?' and it is cut at {@link #MAX_CHARS} characters.
 */
public final class CorruptWeightsException extends Exception {

    static final int MAX_CHARS = 500;
    private static final long serialVersionUID = 1L;

    public CorruptWeightsException(String message) {
        super(TerminalText.line(message, MAX_CHARS));
    }

    public CorruptWeightsException(String message, Throwable cause) {
        super(TerminalText.line(message, MAX_CHARS), cause);
    }
}
