package dev.continuo.engine.data;

/** A training or evaluation data set that cannot be used; the message is one line for the user. */
public final class DatasetException extends Exception {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
