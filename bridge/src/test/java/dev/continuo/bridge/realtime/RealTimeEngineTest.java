package dev.continuo.bridge.realtime;

import static dev.continuo.bridge.realtime.PlayerRig.part;
import static dev.continuo.bridge.realtime.PlayerRig.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.SpscRing;
import dev.continuo.bridge.cycle.TransportSnapshot;
import dev.continuo.engine.roll.Note;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealTimeEngineTest {

    private static final int FRAMES = 256;
    private static final double STEP = 6000.0;

    private final PhraseBook book = new PhraseBook();
    private final SpscRing ring = new SpscRing(4096);
    private final TransportSnapshot transport = new TransportSnapshot();
    private final RecordingOutput out = new RecordingOutput();
    private RealTimeEngine engine;
    private long frame;

    private void create(int echoChannel) {
        create(echoChannel, 0);
    }

    private void create(int echoChannel, int countInBars) {
        create(null, echoChannel, countInBars);
    }

    private void create(ClockSource clock, int echoChannel, int countInBars) {
        transport.clear();
        engine = new RealTimeEngine(new EngineOptions(PortLayout.SINGLE, clock, 2, 120, countInBars, false, false,
                echoChannel, 15), book, ring);
    }

    private void begin() {
        engine.beginCycle(frame, FRAMES, 48_000, transport);
    }

    private void input(int offset, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        byte[] backendBuffer = new byte[64];
        System.arraycopy(bytes, 0, backendBuffer, 0, bytes.length);
        engine.input(offset, backendBuffer, bytes.length);
    }

    private List<String> render() {
        out.events.clear();
        out.beginCycle(frame, FRAMES);
        engine.render(out);
        frame += FRAMES;
        return out.described();
    }

    private List<String> cycle() {
        begin();
        return render();
    }

    private List<String> drain() {
        List<String> records = new ArrayList<>();
        long[] into = new long[2];
        while (ring.poll(into)) {
            long packed = into[0];
            int kind = CaptureRecord.kind(packed);
            String fields = CaptureRecord.a(packed) + " " + CaptureRecord.b(packed) + " " + CaptureRecord.c(packed);
            records.add(switch (kind) {
                case CaptureRecord.NOTE, CaptureRecord.CYCLE -> (kind == CaptureRecord.NOTE ? "NOTE " : "CYCLE ")
                        + fields + " @" + Math.round(Double.longBitsToDouble(into[1]) * STEP * 1000) / 1000.0;
                case CaptureRecord.PROGRAM -> "PROGRAM " + fields;
                default -> "CONTROL " + fields;
            });
        }
        return records;
    }

    @Test
    void parsesMessyInputIntoCaptureRecordsAtTheirSteps() {
        create(-1);
        begin();
        input(10, "05 90 3C 64 3E 64"); // stray data byte, then a note-on and a running-status note-on
        input(100, "F0 7E 01 F7 FE 90 40 FE 50"); // SysEx, active sensing inside a message
        input(200, "CF 05 BF 07 64"); // program and control change on the control channel (16)
        input(250, "91"); // a note-on split across two inputs
        render();
        begin();
        input(0, "30 7F");
        input(50, "80 3C 00 3E 00 91 30 00");
        render();

        // Frames as positions: steps × 6000.
        assertEquals(List.of(
                "CYCLE 1 2 16 @256.0",
                "NOTE 0 60 100 @10.0", "NOTE 0 62 100 @10.0", "NOTE 0 64 80 @100.0",
                "PROGRAM 5 0 0", "CONTROL 7 100 0",
                "CYCLE 1 3 16 @512.0",
                "NOTE 1 48 127 @256.0",
                "NOTE 0 60 0 @306.0", "NOTE 0 62 0 @306.0", "NOTE 1 48 0 @306.0"), drain());
        EngineStatus status = engine.status();
        assertEquals(ClockSource.INTERNAL, status.clock());
        assertTrue(status.rolling());
        assertEquals(11, status.messagesIn()); // 3 notes + 2 FE + PC + CC, then 4 notes
        assertEquals(7, status.notesIn());
        assertEquals(1, status.sysExIn());
        assertEquals(1, status.droppedInputBytes());
        assertEquals(2, status.cycles());
        assertEquals(0, status.lostCapture());
    }

    @Test
    void echoesTheMelodyAndPlaysTheBookWithPanicOnUsedChannels() {
        create(2);
        book.put(0, pattern(32, part(0, 32, new Note(48, 0, 32, 100))));
        begin();
        input(10, "90 3C 64");
        assertEquals(List.of("000000000 C0 0 0 p0", "000000000 on p0 ch0 n48 v100", "000000010 on p0 ch2 n60 v100"),
                render(), "the part's program, then its note, then the echoed melody");
        engine.panic();
        assertEquals(List.of(
                "000000256 B0 64 0 p0", "000000256 B0 123 0 p0",
                "000000256 B2 64 0 p0", "000000256 B2 123 0 p0",
                "000000256 off p0 ch2 n60", "000000256 off p0 ch0 n48"), cycle());
        begin();
        input(5, "80 3C 00");
        assertEquals(List.of(), render(), "the echo was already ended by the panic");
        assertEquals(0, engine.status().soundingNotes());
    }

    @Test
    void silenceEndsEverythingThenStaysSilent() {
        create(0);
        book.put(0, pattern(32, part(1, 32, new Note(40, 0, 4, 100), new Note(41, 8, 4, 100))));
        begin();
        input(3, "90 3C 64");
        render();
        assertFalse(engine.silence());
        List<String> last = List.of();
        int cycles = 0;
        while (!engine.silence()) {
            last = cycle();
            assertTrue(++cycles < 10, "silence() never became true");
        }
        assertTrue(last.contains("000000256 off p0 ch1 n40"), last.toString());
        assertTrue(last.contains("000000256 off p0 ch0 n60"), last.toString());
        assertTrue(last.contains("000000256 B1 123 0 p0"), last.toString());
        drain();
        for (int i = 0; i < 400; i++) { // past step 8 and the next phrase
            begin();
            input(7, "90 3E 64");
            assertEquals(List.of(), render());
        }
        assertTrue(drain().isEmpty(), "no cycles or notes captured while silent");
    }

    @Test
    void sendsProgramChangesToEachPartsChannelAtTheNextCycle() {
        create(-1);
        engine.sendPrograms(new int[] {0, 5, 1, 33});
        assertEquals(List.of("000000000 C0 5 0 p0", "000000000 C1 33 0 p0"), cycle());
        assertEquals(List.of(2, 2), out.events.stream().map(RecordingOutput.Event::length).toList());
        assertEquals(List.of(), cycle());
        engine.panic();
        List<String> panic = cycle();
        assertTrue(panic.contains("000000512 B1 123 0 p0"), panic.toString());
    }

    @Test
    void followsTheJackTransportWhenItHasMusicalTime() {
        create(-1);
        transport.set(true, 0);
        transport.setBbt(2, 1, 0, 1920, 4, 4, 120);
        begin();
        input(60, "90 3C 64");
        render();
        assertEquals(ClockSource.JACK, engine.status().clock());
        List<String> records = drain();
        assertEquals("NOTE 0 60 100 @96060.0", records.get(1)); // bar 2 = step 16
    }

    @Test
    void aCycleWithoutBarBeatOrAQuitMasterNeverStartsTheOwnClock() {
        create(-1, 1);
        book.put(0, pattern(32, part(0, 32, new Note(48, 0, 32, 100))));
        transport.set(true, 0);
        transport.setBbt(1, 1, 0, 1920, 4, 4, 120);
        List<String> first = cycle();
        assertTrue(first.contains("000000000 on p0 ch0 n48 v100"), first.toString());
        transport.set(true, FRAMES); // a locate: one cycle without bar/beat
        List<String> locate = cycle();
        assertEquals(ClockSource.JACK, engine.status().clock(), "no switch for one cycle without bar/beat");
        assertTrue(locate.stream().noneMatch(event -> event.contains("ch9")), "no count-in click: " + locate);
        transport.set(true, 2L * FRAMES);
        transport.setBbt(1, 1, 0, 1920, 4, 4, 120);
        assertTrue(cycle().contains("000000512 on p0 ch0 n48 v100"), "followed again from bar 1");
        for (int i = 0; i < 2000; i++) { // the master quits; the transport rolls on without bar/beat for 10 s
            transport.set(true, frame);
            List<String> events = cycle();
            assertTrue(events.stream().noneMatch(event -> event.contains(" on ")), "played on its own: " + events);
        }
        assertEquals(ClockSource.JACK, engine.status().clock());
        assertFalse(engine.status().rolling());
    }

    @Test
    void programsGoOutAgainOnRequestAndWheneverTheTransportStarts() {
        create(-1);
        engine.sendPrograms(new int[] {0, 5, 1, 33});
        transport.set(false, 0);
        transport.setBbt(1, 1, 0, 1920, 4, 4, 120);
        assertEquals(List.of("000000000 C0 5 0 p0", "000000000 C1 33 0 p0"), cycle(), "at connection");
        assertEquals(List.of(), cycle());
        engine.resendPrograms(); // a synth was connected
        assertEquals(List.of("000000512 C0 5 0 p0", "000000512 C1 33 0 p0"), cycle());
        assertEquals(List.of(), cycle());
        transport.set(true, 0);
        transport.setBbt(1, 1, 0, 1920, 4, 4, 120);
        assertEquals(List.of("000001024 C0 5 0 p0", "000001024 C1 33 0 p0"), cycle(), "the transport started");
        transport.set(true, FRAMES);
        transport.setBbt(1, 1, 256, 1920, 4, 4, 120);
        assertEquals(List.of(), cycle(), "once per start");
    }

    @Test
    void aNoteOnSentJustBeforeMidiStartInItsFrameIsCapturedAtTheStart() {
        create(ClockSource.MIDI, -1, 0);
        cycle();
        begin();
        input(100, "90 3C 64"); // melody note first, then Start and the first clock, all at frame 356
        input(100, "FA");
        input(100, "F8");
        input(150, "90 40 64"); // after the first clock, before the tempo is known
        render();
        cycle();
        cycle();
        cycle();
        begin();
        input(76, "F8"); // frame 1,356: 1,000 frames after the first clock; now the clock ticks
        input(80, "80 3C 00");
        render();
        List<String> notes = drain().stream().filter(record -> record.startsWith("NOTE")).toList();
        assertEquals(List.of("NOTE 0 60 100 @0.0", "NOTE 0 64 100 @50.0", "NOTE 0 60 0 @1004.0"), notes);
    }

    @Test
    void notesHeardWhileMidiClockStandsStillAreNotCaptured() {
        create(ClockSource.MIDI, -1, 0);
        begin();
        input(10, "90 3C 64"); // a cycle before Start
        render();
        begin();
        input(20, "80 3C 00 90 3E 64"); // earlier than Start in its cycle
        input(100, "FA F8");
        render();
        cycle();
        cycle();
        cycle();
        begin();
        input(76, "F8");
        render();
        assertEquals(List.of(), drain().stream().filter(record -> record.startsWith("NOTE")).toList());
    }

    @Test
    void underMidiClockOnsetsFallOnTheFramesOfTheirClocksFromTheFirstCycleOfContinue() {
        create(ClockSource.MIDI, -1, 0);
        book.put(0, pattern(32, part(0, 32, new Note(52, 2, 4, 100), new Note(48, 4, 2, 100),
                new Note(50, 5, 2, 100))));
        frame = 10_240;
        List<String> events = new ArrayList<>();
        long nextClock = 10_240 + 100; // Song Position Pointer 4, Continue and the first clock at frame 10,340
        int clocks = 0;
        while (frame < 40_000) {
            begin();
            if (clocks == 0 && nextClock < frame + FRAMES) {
                input((int) (nextClock - frame), "F2 04 00");
                input((int) (nextClock - frame), "FB");
            }
            while (nextClock < frame + FRAMES) {
                input((int) (nextClock - frame), "F8");
                nextClock += 1000; // 120 bpm at 48 kHz
                clocks++;
            }
            render().stream().filter(event -> event.contains(" on ")).forEach(events::add);
        }
        assertEquals(List.of("000010340 on p0 ch0 n52 v100", "000010340 on p0 ch0 n48 v100",
                "000016340 on p0 ch0 n50 v100"), events,
                "the note sounding at step 4 and step 4's at Continue's first clock, step 5 six clocks later");
    }

    @Test
    void aLoopOfTheMidiClockEndsTheNotesAtItsFrameAndPlaysTheLoopStartThere() {
        create(ClockSource.MIDI, -1, 0);
        book.put(0, pattern(32, part(0, 32, new Note(48, 0, 1, 100), new Note(50, 4, 8, 100))));
        List<String> events = new ArrayList<>();
        long nextClock = 100; // Start and clock 0 at frame 100; 120 bpm at 48 kHz
        long loopFrame = 100 + 8 * 6000; // the sender loops back to the top at step 8, mid-note
        while (frame < 60_000) {
            begin();
            while (nextClock < frame + FRAMES) {
                int offset = (int) (nextClock - frame);
                if (nextClock == 100) {
                    input(offset, "FA");
                } else if (nextClock == loopFrame) {
                    input(offset, "FC F2 00 00 FB"); // Stop, Song Position Pointer 0, Continue
                }
                input(offset, "F8");
                nextClock += 1000;
            }
            events.addAll(render());
        }
        assertEquals(List.of(
                "000000100 on p0 ch0 n48 v100", "000006100 off p0 ch0 n48",
                "000024100 on p0 ch0 n50 v100", "000048100 off p0 ch0 n50",
                "000048100 on p0 ch0 n48 v100", "000054100 off p0 ch0 n48"),
                events.stream().filter(event -> event.contains(" on ") || event.contains(" off ")).toList(),
                "the note crossing the loop ends at the loop's frame; the top plays on it");
    }

    @Test
    void aStartNoClockFollowsLosesNothingWhileNotesKeepComing() {
        create(ClockSource.MIDI, -1, 0);
        begin();
        input(10, "FA"); // a stray Start (garbage, or a device that sends no clock)
        render();
        for (int cycle = 0; cycle < 100; cycle++) { // ~1 s of cycles, two notes each: more than can wait
            begin();
            input(10, "90 3C 64");
            input(20, "80 3C 00");
            render();
        }
        assertEquals(0, engine.status().lostCapture(), "notes that waited for a clock that never came are not lost");
        assertEquals(List.of(), drain().stream().filter(record -> record.startsWith("NOTE")).toList(),
                "nor captured: no clock, no position");
    }
}
