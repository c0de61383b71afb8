package dev.continuo.bridge.realtime;

import dev.continuo.bridge.cycle.MidiOutput;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.bridge.cycle.TransportSnapshot;
import dev.continuo.bridge.midi.MidiByteParser;
import dev.continuo.bridge.midi.MidiMessageSink;

/**
 * The real-time half of {@code continuo serve}: parses the melody input, keeps musical time, hands melody notes to
 * the capture thread and plays the accompaniment from the {@link PhraseBook}. Requests from other threads (panic,
 * silence, program changes to send) arrive through volatile fields. Every method of {@link RealTimeHandler} runs on
 * the backend's real-time thread and allocates nothing.
 */
public final class RealTimeEngine implements RealTimeHandler, MidiMessageSink {

    /** The longest SysEx message taken from the melody input, F0 and F7 included; longer ones are dropped whole. */
    public static final int MAX_SYSEX = 256;
    /** Melody notes kept while MIDI clock starts; more in that moment are dropped (and counted as lost capture). */
    private static final int HELD_BACK = 256;

    private final EngineOptions options;
    private final SpscRing capture;
    private final Player player;
    private final ActiveNotes active = new ActiveNotes(512);
    private final OutputQueue queue = new OutputQueue(4096);
    private final MidiByteParser parser = new MidiByteParser(this, MAX_SYSEX);
    private final CyclePosition position = new CyclePosition();
    private final InternalClock internalClock;
    private final JackTransportClock jackClock = new JackTransportClock();
    private final MidiClockFollower midiClock = new MidiClockFollower();

    /**
     * Melody notes heard on MIDI clock before it ticks: between Start (or Continue) and its first clock, or in the
     * frame of the Start just before it. They belong at the start position, and are captured at the first clock.
     */
    private final long[] heldBackRecords = new long[HELD_BACK];
    private final long[] heldBackFrames = new long[HELD_BACK];
    private int heldBack;
    /** The frame of the last Start or Continue. */
    private long startFrame;
    private volatile long heldBackLost;

    private long firstFrame;
    private int frames;
    private int sampleRate;
    private int inputOffset;
    private ClockSource lastSource;
    /** The external clock that automatic selection last followed; null until one was. */
    private ClockSource followedExternal;

    private volatile int panicRequests;
    private int panicsDone;
    private volatile boolean silenceRequested;
    private volatile boolean silent;
    private volatile int[] programs = new int[0];
    private volatile int programsVersion;
    private int programsSent;
    private volatile int resendRequests;
    private int resendsDone;
    private boolean wasRolling;
    /** Events this cycle's {@link Player#play} queued, ahead of the cycle's input. */
    private int playedEvents;

    private volatile long messagesIn;
    private volatile long notesIn;
    private volatile long sysExIn;
    private volatile long cycles;

    public RealTimeEngine(EngineOptions options, PhraseBook book, SpscRing capture) {
        this.options = options;
        this.capture = capture;
        this.player = new Player(book, options.layout(), active, options.bars(), options.partPerPass(),
                options.click());
        this.internalClock = new InternalClock(options.bpm(), options.countInBars());
    }

    @Override
    public void beginCycle(long cycleFirstFrame, int cycleFrames, int rate, TransportSnapshot transport) {
        firstFrame = cycleFirstFrame;
        frames = cycleFrames;
        sampleRate = rate;
        cycles = cycles + 1;
        int requested = panicRequests;
        if (requested != panicsDone) {
            panicsDone = requested;
            active.panic(queue, 0);
        }
        if (silenceRequested) {
            if (!silent) {
                active.panic(queue, 0);
                silent = true;
            }
            position.stopped(ClockSource.INTERNAL);
            return;
        }
        if (!midiClock.running()) {
            heldBack = 0;
        }
        boolean programsWentOut = sendPrograms();
        selectClock(transport);
        if (position.source != lastSource) {
            active.endScheduled(queue, 0);
            position.contiguous = false;
            lastSource = position.source;
        }
        int resends = resendRequests;
        if (!programsWentOut && (resends != resendsDone || position.rolling && !wasRolling)) {
            player.resendPrograms(0, queue);
        }
        resendsDone = resends;
        wasRolling = position.rolling;
        player.play(position, frames, queue);
        playedEvents = queue.queued();
        capture.offer(CaptureRecord.pack(CaptureRecord.CYCLE, position.rolling ? 1 : 0,
                (position.contiguous ? 1 : 0) | (position.loopsPhrase ? 2 : 0), position.stepsPerBar),
                Double.doubleToRawLongBits(position.rolling ? position.endStep(frames) : 0));
    }

    /**
     * Chooses this cycle's clock. Automatic selection runs Continuo's own clock only until an external clock has been
     * followed: after that, a cycle without one (a DAW's locate gives one without bar/beat) or the master quitting
     * leaves the position stopped on the external clock, so neither starts the own clock and its count-in.
     */
    private void selectClock(TransportSnapshot transport) {
        ClockSource wanted = options.clock();
        if (wanted == ClockSource.MIDI || wanted == null && midiClock.present(firstFrame, sampleRate)) {
            midiClock.advance(firstFrame, frames, sampleRate, position);
            followedExternal = ClockSource.MIDI;
            return;
        }
        if ((wanted == ClockSource.JACK || wanted == null)
                && jackClock.advance(transport, frames, sampleRate, position)) {
            followedExternal = ClockSource.JACK;
            return;
        }
        if (wanted == ClockSource.JACK || wanted == null && followedExternal != null) {
            position.stopped(wanted == null ? followedExternal : wanted);
            return;
        }
        if (lastSource != ClockSource.INTERNAL) {
            internalClock.restart();
        }
        internalClock.advance(firstFrame, frames, sampleRate, position);
    }

    /** @return whether programs went out */
    private boolean sendPrograms() {
        int version = programsVersion;
        if (version == programsSent) {
            return false;
        }
        programsSent = version;
        int[] channelPrograms = programs;
        for (int part = 0; part + 1 < channelPrograms.length; part += 2) {
            int port = options.layout().portOfPart(part / 2);
            queue.add(0, port, 0xC0 | channelPrograms[part], channelPrograms[part + 1], 0);
            active.use(port, channelPrograms[part]);
            player.programSent(port, channelPrograms[part], channelPrograms[part + 1]);
        }
        return true;
    }

    @Override
    public void input(int frameOffset, byte[] data, int length) {
        inputOffset = frameOffset;
        parser.feed(data, 0, length);
    }

    @Override
    public void message(int status, int data1, int data2, int length) {
        messagesIn = messagesIn + 1;
        long frame = firstFrame + inputOffset;
        switch (status) {
            case 0xF8 -> {
                midiClock.clock(frame);
                if (heldBack > 0 && midiClock.ticking()) {
                    captureHeldBack();
                }
            }
            case 0xFA -> {
                cutPlayedAhead();
                midiClock.start();
                startFrame = frame;
                keepHeldBackFrom(frame);
            }
            case 0xFB -> {
                cutPlayedAhead();
                midiClock.resume();
                startFrame = frame;
                keepHeldBackFrom(frame);
            }
            case 0xFC -> {
                cutPlayedAhead();
                midiClock.stop();
            }
            case 0xF2 -> {
                cutPlayedAhead();
                midiClock.songPosition(data1 | data2 << 7);
            }
            default -> channelMessage(status, data1, data2);
        }
    }

    /**
     * MIDI Stop, Start, Continue or Song Position Pointer while this cycle rolls on MIDI clock: the sender stopped,
     * looped or jumped at this input's frame, so what the cycle played ahead must not sound past it. Notes due to
     * start there or later are dropped, the sounding ones end there, and the cycle counts as stopped from there on
     * (a Start or Continue with its clock later in the cycle plays from that clock, in {@link #render}).
     */
    private void cutPlayedAhead() {
        if (position.source != ClockSource.MIDI || !position.rolling) {
            return;
        }
        queue.cutFrom(playedEvents, inputOffset);
        active.endScheduled(queue, inputOffset);
        position.stopped(ClockSource.MIDI);
    }

    private void channelMessage(int status, int data1, int data2) {
        if (status >= 0xF0) {
            return;
        }
        int channel = status & 0x0F;
        int command = status & 0xF0;
        if (channel == options.controlChannel()) {
            if (command == 0xC0) {
                capture.offer(CaptureRecord.pack(CaptureRecord.PROGRAM, data1, 0, 0), 0);
            } else if (command == 0xB0) {
                capture.offer(CaptureRecord.pack(CaptureRecord.CONTROL, data1, data2, 0), 0);
            }
            return;
        }
        boolean on = command == 0x90 && data2 > 0;
        boolean off = command == 0x80 || command == 0x90 && data2 == 0;
        if (!on && !off || silent) {
            return;
        }
        notesIn = notesIn + 1;
        if (options.echoChannel() >= 0) {
            if (on) {
                active.start(queue, inputOffset, 0, options.echoChannel(), data1, data2, ActiveNotes.UNTIL_RELEASED);
            } else {
                active.stop(queue, inputOffset, 0, options.echoChannel(), data1);
            }
        }
        double step;
        if (position.rolling) {
            step = position.startStep + inputOffset / position.framesPerStep;
        } else if (position.source == ClockSource.MIDI && midiClock.ticking()) {
            step = midiClock.stepAt(firstFrame + inputOffset);
        } else if (position.source == ClockSource.MIDI) {
            holdBack(CaptureRecord.pack(CaptureRecord.NOTE, channel, data1, on ? data2 : 0), firstFrame + inputOffset);
            return;
        } else {
            return;
        }
        capture.offer(CaptureRecord.pack(CaptureRecord.NOTE, channel, data1, on ? data2 : 0),
                Double.doubleToRawLongBits(step));
    }

    /**
     * Keeps a note for a Start that may come in its frame, or for the first clock after a Start. While the clock
     * stands, a full buffer lets its oldest go (only the newest can share a Start's frame); a Start whose first
     * clock has not come in a quarter of a second (longer than a clock's spacing at any tempo a song has) stands
     * for nothing, and its notes are not kept; otherwise a note that finds the buffer full is lost.
     */
    private void holdBack(long record, long frame) {
        if (midiClock.running() && frame - startFrame > sampleRate / 4) {
            return;
        }
        if (heldBack == HELD_BACK && !midiClock.running()) {
            System.arraycopy(heldBackRecords, 1, heldBackRecords, 0, HELD_BACK - 1);
            System.arraycopy(heldBackFrames, 1, heldBackFrames, 0, HELD_BACK - 1);
            heldBack--;
        } else if (heldBack == HELD_BACK) {
            heldBackLost = heldBackLost + 1;
            return;
        }
        heldBackRecords[heldBack] = record;
        heldBackFrames[heldBack] = frame;
        heldBack++;
    }

    /** At Start or Continue: only notes of its own frame (sent just before it) belong to the new start. */
    private void keepHeldBackFrom(long frame) {
        int kept = 0;
        for (int i = 0; i < heldBack; i++) {
            if (heldBackFrames[i] >= frame) {
                heldBackRecords[kept] = heldBackRecords[i];
                heldBackFrames[kept] = heldBackFrames[i];
                kept++;
            }
        }
        heldBack = kept;
    }

    /** The clock ticks: the notes held back are captured at the start position (or later, from the clock). */
    private void captureHeldBack() {
        for (int i = 0; i < heldBack; i++) {
            double step = Math.max(midiClock.startStep(), midiClock.stepAt(heldBackFrames[i]));
            capture.offer(heldBackRecords[i], Double.doubleToRawLongBits(step));
        }
        heldBack = 0;
    }

    @Override
    public void sysEx(byte[] buffer, int length) {
        sysExIn = sysExIn + 1;
    }

    @Override
    public void render(MidiOutput output) {
        if (position.source == ClockSource.MIDI && !position.rolling && !silent && midiClock.ticking()) {
            // MIDI Start or Continue took effect with a clock in this cycle: play from that clock's frame now
            // rather than from the next cycle.
            midiClock.advance(firstFrame, frames, sampleRate, position);
            player.resendPrograms(0, queue);
            wasRolling = true;
            player.play(position, frames, queue);
        }
        queue.flush(output);
    }

    /** Ends every note and sends All Notes Off on every channel used, in the next cycle. Any thread. */
    public void panic() {
        panicRequests = panicRequests + 1;
    }

    /**
     * Ends every note (as {@link #panic}) and stays silent from the next cycle on; for shutdown. Any thread.
     *
     * @return true once the real-time thread has sent the note-offs (poll it)
     */
    public boolean silence() {
        silenceRequested = true;
        return silent;
    }

    /**
     * Sends Program Change to each part's channel at the next cycle.
     *
     * @param channelPrograms pairs (channel 0–15, program 0–127), one pair per part in part order
     */
    public void sendPrograms(int[] channelPrograms) {
        programs = channelPrograms.clone();
        programsVersion = programsVersion + 1;
    }

    /**
     * Sends every part's program again at the next cycle, for a synth or track connected since they went out; the
     * engine does so itself whenever the transport starts. Any thread.
     */
    public void resendPrograms() {
        resendRequests = resendRequests + 1;
    }

    /** What the engine is doing, for status displays. Any thread; values may be a cycle old. */
    public EngineStatus status() {
        return new EngineStatus(position.source, position.rolling, position.startStep, position.stepsPerBar,
                position.beatsPerMinute, player.currentPhrase(), player.currentPass(), messagesIn, notesIn, sysExIn,
                parser.droppedBytes(), parser.tooLongSysExBytes(), queue.lost() + active.overflows(), capture.dropped() + heldBackLost,
                active.count(),
                cycles);
    }
}
