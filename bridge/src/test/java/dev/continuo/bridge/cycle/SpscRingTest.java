package dev.continuo.bridge.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SpscRingTest {

    @Test
    void emptyRingPollsNothing() {
        SpscRing ring = new SpscRing(8);
        long[] into = {7, 7};
        assertFalse(ring.poll(into));
        assertArrayEquals(new long[] {7, 7}, into);
    }

    @Test
    void recordsComeOutInFifoOrder() {
        SpscRing ring = new SpscRing(8);
        for (long i = 1; i <= 5; i++) {
            assertTrue(ring.offer(i, -i * 10));
        }
        long[] into = new long[2];
        for (long i = 1; i <= 5; i++) {
            assertTrue(ring.poll(into));
            assertArrayEquals(new long[] {i, -i * 10}, into);
        }
        assertFalse(ring.poll(into));
        assertEquals(0, ring.dropped());
    }

    @Test
    void fullRingDropsAndCountsThenAcceptsAgainAfterPoll() {
        SpscRing ring = new SpscRing(4);
        for (long i = 0; i < 4; i++) {
            assertTrue(ring.offer(i, i));
        }
        assertFalse(ring.offer(100, 100));
        assertFalse(ring.offer(101, 101));
        assertEquals(2, ring.dropped());

        long[] into = new long[2];
        assertTrue(ring.poll(into));
        assertEquals(0, into[0]);
        assertTrue(ring.offer(4, 4));
        assertFalse(ring.offer(102, 102));
        assertEquals(3, ring.dropped());
        for (long i = 1; i <= 4; i++) {
            assertTrue(ring.poll(into));
            assertEquals(i, into[0], "dropped records must not appear");
        }
        assertFalse(ring.poll(into));
    }

    @Test
    void capacityIsRoundedUpToAPowerOfTwo() {
        SpscRing ring = new SpscRing(5);
        int accepted = 0;
        while (ring.offer(accepted, 0)) {
            accepted++;
        }
        assertEquals(8, accepted);
    }

    @Test
    void wrapsAroundManyTimesInOrder() {
        SpscRing ring = new SpscRing(4);
        long[] into = new long[2];
        long next = 0;
        for (long i = 0; i < 1000; i++) {
            assertTrue(ring.offer(i, ~i));
            if (i % 3 == 2) {
                while (ring.poll(into)) {
                    assertEquals(next, into[0]);
                    assertEquals(~next, into[1]);
                    next++;
                }
            }
        }
        while (ring.poll(into)) {
            assertEquals(next++, into[0]);
        }
        assertEquals(1000, next);
    }

    @Test
    void twoThreadStressDeliversEveryRecordOnceInOrder() throws InterruptedException {
        final int total = 1_000_000;
        SpscRing ring = new SpscRing(1024);
        AtomicReference<String> failure = new AtomicReference<>();
        long[] received = new long[1];

        Thread producer = new Thread(() -> {
            for (long i = 0; i < total; i++) {
                while (!ring.offer(i, i * 31 + 7)) {
                    Thread.onSpinWait();
                }
            }
        }, "spsc-producer");
        Thread consumer = new Thread(() -> {
            long[] into = new long[2];
            long expected = 0;
            while (expected < total) {
                if (!ring.poll(into)) {
                    Thread.onSpinWait();
                    continue;
                }
                if (into[0] != expected || into[1] != expected * 31 + 7) {
                    failure.compareAndSet(null, "expected " + expected + " got " + into[0] + "/" + into[1]);
                    return;
                }
                expected++;
            }
            received[0] = expected;
            if (ring.poll(into)) {
                failure.compareAndSet(null, "extra record " + into[0]);
            }
        }, "spsc-consumer");
        consumer.start();
        producer.start();
        producer.join(120_000);
        consumer.join(120_000);
        assertFalse(producer.isAlive() || consumer.isAlive(), "stress threads hung");
        assertNull(failure.get());
        assertEquals(total, received[0]);
    }
}
