package dev.continuo.bridge.plugin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.continuo.bridge.realtime.CaptureRecord;
import dev.continuo.bridge.realtime.PhrasePattern;
import dev.continuo.bridge.serve.CapturedPhrase;
import dev.continuo.bridge.serve.PhraseRecorder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the plug-in ring protocol reader: whatever a plug-in (or a damaged mapping) leaves in
 * the to-engine ring — indices and records alike — is read without failing, taking at most the ring's capacity per
 * drain, and what it becomes passes through a real {@link PhraseRecorder} into phrases one phrase long; restored
 * phrases are whole and inside their length (settings go on as they are: their reader checks them). Seeds in
 * {@code LinkReaderFuzzTestInputs}.
 */
class LinkReaderFuzzTest {

    private static final int RECORDS = 16;
    private static final int BARS = 2;

    @FuzzTest(maxDuration = "10m")
    void anyRingContentIsReadIntoWellFormedPhrases(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocate(LinkLayout.ringBytes(RECORDS)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(bytes, 0, Math.min(bytes.length, buffer.capacity()));
        List<CapturedPhrase> phrases = new ArrayList<>();
        PhraseRecorder recorder = new PhraseRecorder(BARS, phrases::add, new PhraseRecorder.ControlListener() {
            @Override
            public void programChange(int program) {
            }

            @Override
            public void controlChange(int controller, int value) {
            }
        });
        List<PhrasePattern> restored = new ArrayList<>();
        LinkReader.Listener listener = new LinkReader.Listener() {
            @Override
            public void setting(int id, double value) {
            }

            @Override
            public void restored(int index, PhrasePattern melody) {
                assertTrue(index >= 0 && index < LinkReader.PHRASES, "phrase index " + index);
                restored.add(melody);
            }
        };
        LinkReader reader = new LinkReader(new LinkRing(buffer, 0, RECORDS), recorder::accept, listener);
        int taken = reader.drain();
        assertTrue(taken >= 0 && taken <= RECORDS, "took " + taken);
        recorder.accept(CaptureRecord.pack(CaptureRecord.CYCLE, 0, 0, 16), 0); // a stop closes what is open
        for (PhrasePattern melody : restored) {
            assertTrue(melody.steps() >= 1 && melody.steps() <= LinkReader.MAX_STEPS, "restored " + melody.steps());
            for (int note = 0; note < melody.noteCount(); note++) {
                assertTrue(melody.startStep(note) >= 0 && melody.endStep(note) <= melody.steps()
                        && melody.pitch(note) < 128, "restored note " + note);
            }
        }
        for (CapturedPhrase phrase : phrases) {
            assertTrue(phrase.melody().steps() > 0, "phrase of " + phrase.melody().steps() + " steps");
            phrase.melody().notes().forEach(note -> assertTrue(note.startStep() >= 0
                    && note.startStep() + note.lengthSteps() <= phrase.melody().steps(), "note " + note));
        }
    }
}
