package dev.continuo.engine.testing;

import java.io.ByteArrayOutputStream;

/** Builds Standard MIDI File bytes by hand, so tests can write both valid and deliberately broken files. */
public final class SmfBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A file that starts with an MThd chunk of the usual 6 bytes. */
    public static SmfBytes header(int format, int tracks, int division) {
        SmfBytes smf = new SmfBytes();
        smf.raw('M', 'T', 'h', 'd', 0, 0, 0, 6, format >> 8, format, tracks >> 8, tracks, division >> 8, division);
        return smf;
    }

    /** Appends an MTrk chunk whose length field is the true length of {@code body}. */
    public SmfBytes track(byte[] body) {
        return track(body, body.length);
    }

    /** Appends an MTrk chunk with the given (possibly false) length field. */
    public SmfBytes track(byte[] body, long declaredLength) {
        raw('M', 'T', 'r', 'k', (int) (declaredLength >> 24), (int) (declaredLength >> 16),
                (int) (declaredLength >> 8), (int) declaredLength);
        out.writeBytes(body);
        return this;
    }

    /** Appends raw bytes (each int is truncated to a byte). */
    public SmfBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** Event bytes for a track body. */
    public static final class Events {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        /** A delta time as a variable-length quantity, then the event's bytes. */
        public Events at(long delta, int... bytes) {
            body.writeBytes(vlq(delta));
            for (int b : bytes) {
                body.write(b);
            }
            return this;
        }

        /** Raw bytes with no delta time before them. */
        public Events raw(int... bytes) {
            for (int b : bytes) {
                body.write(b);
            }
            return this;
        }

        /** Appends the End of Track meta event. */
        public Events endOfTrack(long delta) {
            return at(delta, 0xFF, 0x2F, 0x00);
        }

        public byte[] bytes() {
            return body.toByteArray();
        }
    }

    public static Events events() {
        return new Events();
    }

    /** A MIDI variable-length quantity. */
    public static byte[] vlq(long value) {
        int groups = 1;
        while (groups < 5 && (value >> (7 * groups)) != 0) {
            groups++;
        }
        byte[] bytes = new byte[groups];
        for (int i = 0; i < groups; i++) {
            int shift = 7 * (groups - 1 - i);
            bytes[i] = (byte) (((value >> shift) & 0x7F) | (i < groups - 1 ? 0x80 : 0));
        }
        return bytes;
    }
}
