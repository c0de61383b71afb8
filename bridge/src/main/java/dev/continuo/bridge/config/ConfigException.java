package dev.continuo.bridge.config;

/**
 * The configuration file cannot be used: the message names the file, the key and the problem. Keys and values in it
 * come from the file, so the message is made safe for a terminal here: control characters become '?', and it is cut
 * at {@link #MAX_CHARS} characters (a megabyte-long key stays one readable line).
 */
public final class ConfigException extends Exception {

    static final int MAX_CHARS = 500;

    public ConfigException(String message) {
        super(oneLine(message));
    }

    private static String oneLine(String message) {
        StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_CHARS + 1));
        for (int i = 0; i < message.length() && line.length() < MAX_CHARS; i++) {
            char c = message.charAt(i);
            line.append(c < 0x20 || c >= 0x7F && c < 0xA0 ? '?' : c);
        }
        return line.length() < message.length() ? line.append('…').toString() : line.toString();
    }
}
