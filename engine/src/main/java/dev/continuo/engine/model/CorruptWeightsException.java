package dev.continuo.engine.model;

/** A weights file or preset that cannot be used; the message is one line for the user naming the file. */
public final class CorruptWeightsException extends Exception {

    private static final long serialVersionUID = 1L;

    public CorruptWeightsException(String message) {
        super(message);
    }

    public CorruptWeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
