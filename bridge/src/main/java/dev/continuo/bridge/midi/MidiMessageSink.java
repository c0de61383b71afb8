package dev.continuo.bridge.midi;

/**
 * Receives what a {@link MidiByteParser} recognised. Called on the parser's thread, which may be the real-time
 * thread: implementations must not allocate, block, lock or log.
 */
public interface MidiMessageSink {

    /**
     * A complete channel, system common or real-time message.
     *
     * @param status the status byte (0x80–0xFF), after running status has been resolved
     * @param data1  the first data byte, or 0 if the message has none
     * @param data2  the second data byte, or 0 if the message has fewer
     * @param length the message's length in bytes including the status (1–3)
     */
    void message(int status, int data1, int data2, int length);

    /**
     * A complete System Exclusive message, F0 … F7 inclusive. The buffer is the parser's own and is reused: copy what
     * you keep before returning.
     */
    void sysEx(byte[] buffer, int length);
}
