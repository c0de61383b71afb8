package dev.continuo.bridge.backend.coremidi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.backend.BackendKind;
import dev.continuo.bridge.backend.Backends;
import dev.continuo.bridge.backend.MidiBackend;
import dev.continuo.bridge.cycle.MidiOutput;
import dev.continuo.bridge.cycle.PortLayout;
import dev.continuo.bridge.cycle.RealTimeHandler;
import dev.continuo.bridge.cycle.TransportSnapshot;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The CoreMIDI backend against the real CoreMIDI: runs on macOS only (the GitHub macOS runner). */
@EnabledOnOs(value = OS.MAC, disabledReason = "CoreMIDI exists on macOS only")
class CoreMidiLiveTest {

    @Test
    void registersTheVirtualEndpointsAndSendsForAWhileWithoutFailing() throws Exception {
        UniqueIds ids = new UniqueIds() {
            @Override
            public OptionalInt get(String endpointName) {
                return OptionalInt.empty();
            }

            @Override
            public void put(String endpointName, int uniqueId) {
            }
        };
        RealTimeHandler notes = new RealTimeHandler() {
            private boolean on;

            @Override
            public void beginCycle(long firstFrame, int frames, int sampleRate, TransportSnapshot transport) {
            }

            @Override
            public void input(int frameOffset, byte[] data, int length) {
            }

            @Override
            public void render(MidiOutput output) {
                on = !on;
                output.write(0, 0, on ? 0x91 : 0x81, 60, on ? 80 : 0, 3);
            }
        };
        MidiBackend backend = Backends.factory(BackendKind.COREMIDI, null, null, ids).get();
        try {
            backend.open("continuo-test", PortLayout.SINGLE, notes, reason -> { });
            assertEquals(List.of("Continuo Melody In", "Continuo"), backend.portNames());
            Thread.sleep(300);
            assertTrue(backend.load().cycles() > 50, "cycles ran: " + backend.load().cycles());
            assertEquals(0, backend.load().failures(), String.valueOf(backend.load().lastFailure()));
        } finally {
            backend.close();
        }
    }
}
