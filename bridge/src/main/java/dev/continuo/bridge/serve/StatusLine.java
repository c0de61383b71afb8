package dev.continuo.bridge.serve;

/** A live status line on the terminal, redrawn in place. */
final class StatusLine {

    void draw(String text) {
        System.out.print("\r\033[K" + text);
        System.out.flush();
    }

    void clear() {
        System.out.print("\r\033[K");
        System.out.flush();
    }
}
