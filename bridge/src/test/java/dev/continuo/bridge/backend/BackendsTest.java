package dev.continuo.bridge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Backend selection on Linux: JACK by default; the macOS and Windows backends say why they cannot run. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "checks the Linux choices")
class BackendsTest {

    @Test
    void jackIsTheDefaultOnLinux() {
        assertEquals(BackendKind.JACK, Backends.defaultKind());
    }

    @Test
    void everyBackendThatCanRunHereIsMadeAndTheOthersSayWhyNot() throws Exception {
        assertEquals(BackendKind.JAVASOUND, Backends.factory(BackendKind.JAVASOUND, "a", "b", null).get().kind());
        assertEquals(BackendKind.ALSA, Backends.factory(BackendKind.ALSA, null, null, null).get().kind());
        assertTrue(assertThrows(BackendException.class,
                () -> Backends.factory(BackendKind.COREMIDI, null, null, null)).getMessage().contains("macOS only"));
        assertTrue(assertThrows(BackendException.class,
                () -> Backends.factory(BackendKind.WINDOWS, null, null, null)).getMessage().contains("loopMIDI"));
    }
}
