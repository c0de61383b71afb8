package dev.continuo.bridge.backend;

/** A backend call failed: carries the native function's name and its return or status code. */
public final class BackendException extends Exception {

    private final String function;
    private final int code;

    public BackendException(String message, String function, int code) {
        super(message + " (" + function + " returned " + code + ")");
        this.function = function;
        this.code = code;
    }

    /** An error that did not come from a native call. */
    public BackendException(String message) {
        super(message);
        this.function = "";
        this.code = 0;
    }

    public String function() {
        return function;
    }

    public int code() {
        return code;
    }
}
