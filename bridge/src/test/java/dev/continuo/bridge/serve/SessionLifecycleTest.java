package dev.continuo.bridge.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionLifecycleTest {

    @Test
    void movesOnlyAlongItsStepsAndOnlyFromTheStateItIsIn() {
        SessionLifecycle lifecycle = new SessionLifecycle();
        assertEquals(SessionState.STARTING, lifecycle.state());
        assertThrows(IllegalStateException.class, () -> lifecycle.move(SessionState.STARTING, SessionState.RUNNING));
        assertTrue(lifecycle.move(SessionState.STARTING, SessionState.CONNECTING));
        assertFalse(lifecycle.move(SessionState.STARTING, SessionState.CONNECTING), "another thread moved first");
        assertTrue(lifecycle.move(SessionState.CONNECTING, SessionState.RUNNING));
        assertTrue(lifecycle.move(SessionState.RUNNING, SessionState.LOST));
        assertFalse(lifecycle.move(SessionState.RUNNING, SessionState.LOST), "a loss is reported once");
        assertTrue(lifecycle.move(SessionState.LOST, SessionState.CONNECTING));
        assertThrows(IllegalStateException.class, () -> lifecycle.move(SessionState.CLOSED, SessionState.RUNNING));
    }

    @Test
    void everyLiveStateCanStopOnceAndTheOutcomeIsKept() throws Exception {
        for (SessionState from : new SessionState[] {SessionState.STARTING, SessionState.CONNECTING,
            SessionState.RUNNING, SessionState.LOST}) {
            SessionLifecycle lifecycle = new SessionLifecycle();
            walkTo(lifecycle, from);
            assertTrue(lifecycle.stop(Session.Outcome.SERVICE_LOST), "from " + from);
            assertFalse(lifecycle.stop(Session.Outcome.STOPPED), "already stopping");
            assertFalse(lifecycle.await(0), "not closed yet");
            lifecycle.closed();
            assertEquals(SessionState.CLOSED, lifecycle.state());
            assertEquals(Session.Outcome.SERVICE_LOST, lifecycle.await());
            assertFalse(lifecycle.stop(Session.Outcome.STOPPED), "closed");
        }
    }

    private static void walkTo(SessionLifecycle lifecycle, SessionState target) {
        SessionState[] path = {SessionState.STARTING, SessionState.CONNECTING, SessionState.RUNNING,
            SessionState.LOST};
        for (int i = 1; i < path.length && lifecycle.state() != target; i++) {
            assertTrue(lifecycle.move(path[i - 1], path[i]));
        }
        assertEquals(target, lifecycle.state());
    }
}
