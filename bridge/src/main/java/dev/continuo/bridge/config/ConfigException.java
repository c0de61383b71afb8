package dev.continuo.bridge.config;

import dev.continuo.engine.files.TerminalText;

/**
 * The configuration file cannot be used: the message names the file, the key and the problem. Keys and values in it
 * come from the file, so control characters become '?' and it is cut at {@link #MAX_CHARS} characters (a
 * megabyte-long key stays one readable line).
 */
public final class ConfigException extends Exception {

    static final int MAX_CHARS = 500;

    public ConfigException(String message) {
        super(TerminalText.line(message, MAX_CHARS));
    }
}
