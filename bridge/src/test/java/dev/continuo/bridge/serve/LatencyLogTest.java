package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyLogTest {

    @Test
    void emptyLogHasNoQuantiles() {
        LatencyLog log = new LatencyLog(4);
        assertTrue(Double.isNaN(log.quantile(0.5)));
        assertEquals(0, log.count());
    }

    @Test
    void quantilesOfTheKeptValues() {
        LatencyLog log = new LatencyLog(16);
        for (int value : new int[] {7, 3, 10, 1, 5, 9, 2, 8, 4, 6}) {
            log.add(value);
        }
        assertEquals(1, log.quantile(0));
        assertEquals(6, log.quantile(0.5)); // index round(4.5) = 5 of 1..10
        assertEquals(10, log.quantile(0.95)); // index round(8.55) = 9
        assertEquals(10, log.quantile(1));
    }

    @Test
    void keepsOnlyTheMostRecentValues() {
        LatencyLog log = new LatencyLog(4);
        for (int value = 1; value <= 6; value++) {
            log.add(value * 100);
        }
        assertEquals(6, log.count());
        assertEquals(300, log.quantile(0));
        assertEquals(600, log.quantile(1));
    }
}
