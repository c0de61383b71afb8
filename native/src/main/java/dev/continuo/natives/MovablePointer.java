package dev.continuo.natives;

import com.sun.jna.Pointer;

/**
 * A {@link Pointer} whose address can be changed, so that reading memory at addresses that change every cycle (for
 * example the bytes of a JACK MIDI event) allocates nothing.
 */
public final class MovablePointer extends Pointer {

    public MovablePointer() {
        super(0);
    }

    /** Points this at {@code address}. */
    public void moveTo(long address) {
        peer = address;
    }
}
