package dev.continuo.bridge.config;

/**
 * What a client name other applications see may be: what every backend accepts (JACK allows 63 bytes and no
 * colon, which separates client from port; CoreMIDI and the Windows driver show it in menus).
 */
public final class ClientName {

    /** The longest name, in characters. */
    public static final int MAX_LENGTH = 32;

    private ClientName() {
    }

    /** Why {@code name} cannot be a client name, or null if it can. */
    public static String problem(String name) {
        if (name.isBlank()) {
            return "must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, not " + name.length();
        }
        if (!name.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != ':')) {
            return "must be printable ASCII without ':', not \"" + name.replaceAll("[^\\x20-\\x7E]", "?") + "\"";
        }
        return null;
    }
}
