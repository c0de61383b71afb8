package dev.continuo.bridge.backend.coremidi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostClockTest {

    @Test
    void intelTicksAreNanoseconds() {
        HostClock clock = HostClock.measured(1, 1, 5_000_000_000L, 2_000_000_000L);
        assertEquals(5_000_000_000L, clock.hostTicks(2_000_000_000L));
        assertEquals(5_001_000_000L, clock.hostTicks(2_001_000_000L));
        assertEquals(2_001_000_000L, clock.nanoTime(5_001_000_000L));
    }

    @Test
    void appleSiliconTicksAre125ThirdsOfANanosecond() {
        // 24 MHz: 3 ticks every 125 ns. Host ticks 24,000,000 = 1 s, read when nanoTime was 7 s.
        HostClock clock = HostClock.measured(125, 3, 24_000_000L, 7_000_000_000L);
        assertEquals(24_000_000L, clock.hostTicks(7_000_000_000L));
        assertEquals(24_000_000L + 24_000L, clock.hostTicks(7_001_000_000L), "1 ms later: 24,000 ticks");
        assertEquals(7_001_000_000L, clock.nanoTime(24_024_000L));
    }

    @Test
    void staysExactAfterDaysOfUptime() {
        long tenDaysOfTicks = 10L * 86_400 * 24_000_000L;
        HostClock clock = HostClock.measured(125, 3, tenDaysOfTicks, 0);
        assertEquals(tenDaysOfTicks + 24, clock.hostTicks(1000));
    }
}
