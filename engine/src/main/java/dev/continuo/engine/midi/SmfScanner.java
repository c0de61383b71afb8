package dev.continuo.engine.midi;

import java.nio.charset.StandardCharsets;

/**
 * Checks the byte structure of a Standard MIDI File before {@code javax.sound.midi} decodes it.
 *
 * <p>The JDK's reader answers every defect with "could not get sequence from input stream", trusts chunk lengths
 * when it allocates, and accepts over-long variable-length quantities. This scan walks the chunks and events
 * without allocating per event, rejects what the JDK would choke on or misread with a message that names the
 * problem and its byte offset, and bounds the work a file can cause. It follows the JDK's reading of the format:
 * running status is cancelled by meta and SysEx events, unknown chunk types are skipped, and a missing End of
 * Track is tolerated.
 *
 * <p>Stateless and thread-safe.
 */
public final class SmfScanner {

    /** Most events accepted in one file; larger files are rejected before decoding. */
    public static final long MAX_EVENTS = 500_000;

    private static final int HEADER_BYTES = 14;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final int MAX_VLQ_BYTES = 4;

    /**
     * Scans a whole file.
     *
     * @throws MalformedSmfException naming the first structural problem found
     */
    public SmfLayout scan(byte[] data) throws MalformedSmfException {
        if (data.length == 0) {
            throw new MalformedSmfException("empty file (0 bytes)");
        }
        if (data.length < 4 || !"MThd".equals(ascii(data, 0, 4))) {
            throw new MalformedSmfException("not a Standard MIDI File (it does not start with \"MThd\")");
        }
        if (data.length < HEADER_BYTES) {
            throw new MalformedSmfException("truncated header: the file has " + data.length
                    + " bytes, a MIDI header needs " + HEADER_BYTES);
        }
        long headerLength = uint32(data, 4);
        if (headerLength < 6) {
            throw new MalformedSmfException("header chunk length " + headerLength + " is shorter than 6 bytes");
        }
        if (headerLength > data.length - CHUNK_HEADER_BYTES) {
            throw new MalformedSmfException("header chunk length " + headerLength + " runs past the end of the "
                    + data.length + "-byte file");
        }
        int format = uint16(data, 8);
        int declaredTracks = uint16(data, 10);
        int division = uint16(data, 12);
        if (format > 2) {
            throw new MalformedSmfException("unknown SMF format " + format + " (expected 0 or 1)");
        }
        if (format == 2) {
            throw new MalformedSmfException("SMF format 2 (independent patterns) is not supported; export as format 1");
        }
        if (declaredTracks == 0) {
            throw new MalformedSmfException("the header declares zero tracks");
        }
        if (format == 0 && declaredTracks != 1) {
            throw new MalformedSmfException("format 0 must have exactly one track, the header declares "
                    + declaredTracks);
        }
        if ((division & 0x8000) != 0) {
            throw new MalformedSmfException("SMPTE time division (" + (256 - (division >> 8)) + " frames per second)"
                    + " is not supported; export the file with ticks per quarter note");
        }
        if (division == 0) {
            throw new MalformedSmfException("time division is 0 ticks per quarter note");
        }
        return scanTracks(data, (int) (CHUNK_HEADER_BYTES + headerLength), format, declaredTracks, division);
    }

    private SmfLayout scanTracks(byte[] data, int offset, int format, int declaredTracks, int division)
            throws MalformedSmfException {
        int tracksFound = 0;
        long events = 0;
        long lastTick = 0;
        while (tracksFound < declaredTracks) {
            if (offset >= data.length) {
                throw new MalformedSmfException("the header declares " + tracks(declaredTracks)
                        + " but the file ends after " + tracksFound);
            }
            if (data.length - offset < CHUNK_HEADER_BYTES) {
                throw new MalformedSmfException("truncated chunk header at byte " + offset);
            }
            String type = ascii(data, offset, 4);
            long length = uint32(data, offset + 4);
            int bodyStart = offset + CHUNK_HEADER_BYTES;
            if (length > data.length - bodyStart) {
                throw new MalformedSmfException((type.equals("MTrk") ? "track " + tracksFound : "chunk \""
                        + printable(type) + "\"") + " at byte " + offset + ": chunk length " + length
                        + " runs past the end of the file (" + (data.length - bodyStart) + " bytes left)");
            }
            int bodyEnd = (int) (bodyStart + length);
            if (type.equals("MTrk")) {
                TrackScan track = scanTrack(data, bodyStart, bodyEnd, tracksFound, MAX_EVENTS - events);
                events += track.events;
                lastTick = Math.max(lastTick, track.lastTick);
                tracksFound++;
            }
            offset = bodyEnd;
        }
        return new SmfLayout(format, tracksFound, division, events, lastTick);
    }

    private record TrackScan(long events, long lastTick) {
    }

    private TrackScan scanTrack(byte[] data, int start, int end, int trackIndex, long eventBudget)
            throws MalformedSmfException {
        String where = "track " + trackIndex;
        int pos = start;
        int runningStatus = 0;
        long tick = 0;
        long events = 0;
        while (pos < end) {
            long[] delta = readVarLength(data, pos, end, where, "delta time");
            pos = (int) delta[1];
            tick += delta[0];
            if (pos >= end) {
                throw new MalformedSmfException(where + ": truncated event at byte " + pos);
            }
            if (++events > eventBudget) {
                throw new MalformedSmfException("more than " + MAX_EVENTS + " events; Continuo reads files up to"
                        + " that size");
            }
            int statusOffset = pos;
            int status = data[pos] & 0xFF;
            if (status >= 0x80) {
                pos++;
            } else if (runningStatus == 0) {
                throw new MalformedSmfException(where + ": data byte 0x" + hex(status) + " at byte " + statusOffset
                        + " with no status byte before it (running status without a status)");
            } else {
                status = runningStatus;
            }
            if (status == 0xFF) {
                runningStatus = 0;
                if (pos >= end) {
                    throw new MalformedSmfException(where + ": truncated meta event at byte " + statusOffset);
                }
                int metaType = data[pos++] & 0xFF;
                long[] lengthAndPos = readVarLength(data, pos, end, where, "length");
                pos = skip(lengthAndPos, end, where, "meta event", statusOffset);
                if (metaType == 0x2F) {
                    break;
                }
            } else if (status == 0xF0 || status == 0xF7) {
                runningStatus = 0;
                long[] lengthAndPos = readVarLength(data, pos, end, where, "length");
                pos = skip(lengthAndPos, end, where, "SysEx event", statusOffset);
            } else if (status >= 0xF0) {
                throw new MalformedSmfException(where + ": status byte 0x" + hex(status) + " at byte " + statusOffset
                        + " is not allowed in a MIDI file");
            } else {
                runningStatus = status;
                int dataBytes = (status & 0xF0) == 0xC0 || (status & 0xF0) == 0xD0 ? 1 : 2;
                for (int i = 0; i < dataBytes; i++) {
                    if (pos >= end) {
                        throw new MalformedSmfException(where + ": truncated channel message at byte "
                                + statusOffset);
                    }
                    int value = data[pos] & 0xFF;
                    if (value >= 0x80) {
                        throw new MalformedSmfException(where + ": byte 0x" + hex(value) + " at byte " + pos
                                + " where a data byte (below 0x80) was expected");
                    }
                    pos++;
                }
            }
        }
        return new TrackScan(events, tick);
    }

    /** Reads a variable-length quantity: returns {value, position after it}. */
    private static long[] readVarLength(byte[] data, int pos, int end, String where, String what)
            throws MalformedSmfException {
        int vlqStart = pos;
        long value = 0;
        int count = 0;
        int b;
        do {
            if (pos >= end) {
                throw new MalformedSmfException(where + ": truncated " + what + " at byte " + vlqStart);
            }
            if (++count > MAX_VLQ_BYTES) {
                throw new MalformedSmfException(where + ": over-long variable-length quantity at byte " + vlqStart
                        + " (more than 4 bytes)");
            }
            b = data[pos++] & 0xFF;
            value = (value << 7) | (b & 0x7F);
        } while ((b & 0x80) != 0);
        return new long[] {value, pos};
    }

    private static int skip(long[] lengthAndPos, int end, String where, String what, int eventOffset)
            throws MalformedSmfException {
        long length = lengthAndPos[0];
        int pos = (int) lengthAndPos[1];
        if (length > end - pos) {
            throw new MalformedSmfException(where + ": " + what + " at byte " + eventOffset + " declares " + length
                    + " bytes but its track has " + (end - pos) + " left");
        }
        return (int) (pos + length);
    }

    private static String tracks(int count) {
        return count == 1 ? "1 track" : count + " tracks";
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static String hex(int value) {
        return String.format("%02X", value);
    }

    private static int uint16(byte[] data, int offset) {
        return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
    }

    private static long uint32(byte[] data, int offset) {
        return ((long) (data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16)
                | ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
    }
}
