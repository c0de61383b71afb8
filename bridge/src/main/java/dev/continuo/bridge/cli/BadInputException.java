package dev.continuo.bridge.cli;

/** Input the user can fix (an option that does not fit the file, say); its message is one line for the user. */
final class BadInputException extends Exception {

    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
