package dev.continuo.bridge.realtime;

/**
 * The notes Continuo has started and not yet ended, each with the step at which it is due to end, so that every
 * note-on gets its note-off: at its end, or at once on stop, jump, phrase replacement, panic or shutdown. Also
 * remembers every (port, channel) it ever used, for All Notes Off. Preallocated; real-time thread only.
 */
public final class ActiveNotes {

    /** End step of notes that end only when told (echoed melody notes). */
    public static final double UNTIL_RELEASED = Double.POSITIVE_INFINITY;

    private static final int PORTS = 4;
    private static final int CHANNELS = 16;

    private final int[] port;
    private final int[] channel;
    private final int[] pitch;
    private final double[] endStep;
    private final boolean[] usedChannels = new boolean[PORTS * CHANNELS];
    private int count;
    private volatile long overflows;

    /** @param capacity notes sounding at once at most; beyond that a new note is not started */
    public ActiveNotes(int capacity) {
        port = new int[capacity];
        channel = new int[capacity];
        pitch = new int[capacity];
        endStep = new double[capacity];
    }

    /**
     * Starts a note at {@code frameOffset}: queues its note-on (after a note-off if the same key already sounds).
     *
     * @return false if too many notes sound already; nothing is queued then
     */
    public boolean start(OutputQueue queue, int frameOffset, int notePort, int noteChannel, int notePitch,
            int velocity, double noteEndStep) {
        int existing = find(notePort, noteChannel, notePitch);
        if (existing >= 0) {
            queue.add(frameOffset, notePort, 0x80 | noteChannel, notePitch, 0);
            remove(existing);
        }
        if (count == port.length) {
            overflows = overflows + 1;
            return false;
        }
        port[count] = notePort;
        channel[count] = noteChannel;
        pitch[count] = notePitch;
        endStep[count] = noteEndStep;
        count++;
        usedChannels[notePort * CHANNELS + noteChannel] = true;
        queue.add(frameOffset, notePort, 0x90 | noteChannel, notePitch, velocity);
        return true;
    }

    /** Ends one note now if it sounds. */
    public void stop(OutputQueue queue, int frameOffset, int notePort, int noteChannel, int notePitch) {
        int index = find(notePort, noteChannel, notePitch);
        if (index >= 0) {
            queue.add(frameOffset, notePort, 0x80 | noteChannel, notePitch, 0);
            remove(index);
        }
    }

    /**
     * Ends the notes due in [{@code fromStep}, {@code toStep}), each at its own frame.
     *
     * @param startStep     musical position of the cycle's first frame
     * @param framesPerStep tempo
     * @param frames        frames in the cycle
     */
    public void endDue(OutputQueue queue, double fromStep, double toStep, double startStep, double framesPerStep,
            int frames) {
        for (int i = count - 1; i >= 0; i--) {
            if (endStep[i] < toStep && endStep[i] != UNTIL_RELEASED) {
                int offset = Player.frameOffset(Math.max(endStep[i], fromStep), startStep, framesPerStep, frames);
                queue.add(offset, port[i], 0x80 | channel[i], pitch[i], 0);
                remove(i);
            }
        }
    }

    /** Ends every note that is not an echo of the melody, at {@code frameOffset}. */
    public void endScheduled(OutputQueue queue, int frameOffset) {
        for (int i = count - 1; i >= 0; i--) {
            if (endStep[i] != UNTIL_RELEASED) {
                queue.add(frameOffset, port[i], 0x80 | channel[i], pitch[i], 0);
                remove(i);
            }
        }
    }

    /**
     * Ends everything: a note-off for each sounding note and All Notes Off (CC 123) plus Sustain off (CC 64 = 0) on
     * every channel of every port ever used.
     */
    public void panic(OutputQueue queue, int frameOffset) {
        for (int index = 0; index < usedChannels.length; index++) {
            if (usedChannels[index]) {
                queue.add(frameOffset, index / CHANNELS, 0xB0 | index % CHANNELS, 64, 0);
                queue.add(frameOffset, index / CHANNELS, 0xB0 | index % CHANNELS, 123, 0);
            }
        }
        for (int i = count - 1; i >= 0; i--) {
            queue.add(frameOffset, port[i], 0x80 | channel[i], pitch[i], 0);
        }
        count = 0;
    }

    /** Marks a channel as used without starting a note on it (e.g. after a Program Change). */
    public void use(int notePort, int noteChannel) {
        usedChannels[notePort * CHANNELS + noteChannel] = true;
    }

    public int count() {
        return count;
    }

    /** Notes that could not start because too many sounded. */
    public long overflows() {
        return overflows;
    }

    private int find(int notePort, int noteChannel, int notePitch) {
        for (int i = 0; i < count; i++) {
            if (pitch[i] == notePitch && channel[i] == noteChannel && port[i] == notePort) {
                return i;
            }
        }
        return -1;
    }

    private void remove(int index) {
        count--;
        port[index] = port[count];
        channel[index] = channel[count];
        pitch[index] = pitch[count];
        endStep[index] = endStep[count];
    }
}
