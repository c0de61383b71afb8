package dev.continuo.engine.files;

/** Text from a file or a peer made safe to print as one line: what reaches a terminal cannot move its cursor. */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * {@code text} with every control character (C0, DEL, C1; line breaks among them) as '?', cut after
     * {@code maxChars} characters with an ellipsis.
     */
    public static String line(String text, int maxChars) {
        StringBuilder line = new StringBuilder(Math.min(text.length(), maxChars + 1));
        for (int i = 0; i < text.length() && line.length() < maxChars; i++) {
            char c = text.charAt(i);
            line.append(c < 0x20 || c >= 0x7F && c < 0xA0 ? '?' : c);
        }
        return line.length() < text.length() ? line.append('…').toString() : line.toString();
    }
}
