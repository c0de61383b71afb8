package dev.continuo.engine.midi;

/**
 * A MIDI file that Continuo cannot read: missing, unreadable, malformed, or beyond Continuo's limits.
 *
 * <p>The message is one line meant for the user: the file's name, a colon, and the problem.
 */
public final class BadMidiFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    /**
     * @param source  the file's name or path as the user gave it
     * @param problem what is wrong, as a lower-case phrase without a final full stop
     */
    public BadMidiFileException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    public BadMidiFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public String problem() {
        return problem;
    }
}
