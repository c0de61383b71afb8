package dev.continuo.bridge.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessGuardTest {

    private static final int PORT = 8123;
    private final AccessGuard guard = new AccessGuard("secret");

    @Test
    void theTokenInTheQueryOrTheCookieLetsALoopbackRequestPass() {
        assertEquals(Optional.empty(), guard.refusal(PORT, "127.0.0.1:8123", null, "secret", null));
        assertEquals(Optional.empty(), guard.refusal(PORT, "localhost:8123", null, null, "secret"));
        assertEquals(Optional.empty(), guard.refusal(PORT, "LOCALHOST:8123", "http://localhost:8123", null, "secret"));
        assertEquals(Optional.empty(), guard.refusal(PORT, "127.0.0.1:8123", "http://127.0.0.1:8123", null, "secret"));
    }

    @Test
    void withoutTheTokenOrWithAWrongOneTheRequestIsRefusedWithAHint() {
        assertTrue(guard.refusal(PORT, "127.0.0.1:8123", null, null, null).orElseThrow()
                .contains("needs its token"));
        assertTrue(guard.refusal(PORT, "127.0.0.1:8123", null, "secreT", "other").orElseThrow()
                .startsWith("wrong token"));
        assertTrue(guard.refusal(PORT, "127.0.0.1:8123", null, "", null).isPresent());
    }

    @Test
    void aForeignHostIsRefusedEvenWithTheToken() {
        // DNS rebinding: evil.example resolves to 127.0.0.1, but the browser still says Host: evil.example:8123.
        assertEquals("Host \"evil.example:8123\" is not this studio (127.0.0.1:8123)",
                guard.refusal(PORT, "evil.example:8123", null, "secret", null).orElseThrow());
        assertTrue(guard.refusal(PORT, "127.0.0.1:9999", null, "secret", null).isPresent(), "another port");
        assertTrue(guard.refusal(PORT, "127.0.0.1", null, "secret", null).isPresent(), "no port");
        assertTrue(guard.refusal(PORT, null, null, "secret", null).isPresent(), "no Host header");
    }

    @Test
    void aForeignOriginIsRefusedEvenWithTheCookie() {
        assertEquals("requests from the page of \"https://evil.example\" are not allowed",
                guard.refusal(PORT, "127.0.0.1:8123", "https://evil.example", null, "secret").orElseThrow());
        assertTrue(guard.refusal(PORT, "127.0.0.1:8123", "null", null, "secret").isPresent(), "sandboxed page");
        assertTrue(guard.refusal(PORT, "127.0.0.1:8123", "http://127.0.0.1:9999", null, "secret").isPresent());
    }

    @Test
    void refusalsStayOnePrintableLine() {
        String reason = guard.refusal(PORT, "evil\r\nSet-Cookie: x=1", null, "secret", null).orElseThrow();
        assertFalse(reason.contains("\n") || reason.contains("\r"), reason);
        assertTrue(guard.refusal(PORT, "h".repeat(10_000), null, null, null).orElseThrow().length() < 160);
    }

    @Test
    void randomTokensAreLongAndDiffer() {
        String token = AccessGuard.randomToken();
        assertEquals(48, token.length());
        assertTrue(token.matches("[0-9a-f]+"));
        assertNotEquals(token, AccessGuard.randomToken());
    }
}
