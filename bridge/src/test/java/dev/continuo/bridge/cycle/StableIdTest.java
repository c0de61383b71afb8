package dev.continuo.bridge.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuo.bridge.backend.BackendKind;
import dev.continuo.bridge.realtime.ClockSource;
import org.junit.jupiter.api.Test;

class StableIdTest {

    @Test
    void everyIdRoundTripsIgnoringCase() {
        for (BackendKind kind : BackendKind.values()) {
            assertEquals(kind, BackendKind.byId(kind.id().toUpperCase(java.util.Locale.ROOT)));
        }
        for (PortLayout layout : PortLayout.values()) {
            assertEquals(layout, PortLayout.byId(layout.id()));
        }
        for (ClockSource source : ClockSource.values()) {
            assertEquals(source, ClockSource.byId(source.id()));
        }
    }

    @Test
    void anUnknownIdNamesTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PortLayout.byId("quad"));
        assertEquals("unknown port layout \"quad\" (known: single, split)", error.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClockSource.byId("smpte")).getMessage()
                .contains("internal, jack, midi"));
    }
}
