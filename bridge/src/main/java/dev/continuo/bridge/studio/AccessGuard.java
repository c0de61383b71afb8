package dev.continuo.bridge.studio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request may reach the studio: only a browser on this machine that knows the printed token, on
 * a page the studio served.
 *
 * <ul>
 *   <li>The {@code Host} header must name the loopback address and the studio's port ({@code 127.0.0.1:PORT} or
 *       {@code localhost:PORT}): a foreign host name that resolves to 127.0.0.1 (DNS rebinding) is refused.</li>
 *   <li>An {@code Origin} header, which browsers send with every POST, fetch and WebSocket upgrade from another
 *       page, must be the studio's own origin: another site cannot drive the engine from its page.</li>
 *   <li>The token must come with the request, as the {@code token} query parameter (the printed URL) or as the
 *       cookie {@link #cookieName(int)} that the studio sets on the first tokened request.</li>
 * </ul>
 *
 * <p>Thread-safe (immutable).
 */
public final class AccessGuard {

    private static final int TOKEN_BYTES = 24;

    private final String token;

    /** @param token the secret; {@link #randomToken()} for a real studio */
    public AccessGuard(String token) {
        this.token = token;
    }

    /** 48 hex digits from a {@link SecureRandom}. */
    public static String randomToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String token() {
        return token;
    }

    /** The cookie that carries the token; named after the port, so two studios on one machine keep theirs apart. */
    public static String cookieName(int port) {
        return "continuo-studio-" + port;
    }

    /**
     * Why a request is refused, in one line, or empty when it may pass.
     *
     * @param port        the port the request came in on (the studio's)
     * @param host        the {@code Host} header, or null
     * @param origin      the {@code Origin} header, or null when the browser sent none
     * @param queryToken  the {@code token} query parameter, or null
     * @param cookieToken the value of the cookie {@link #cookieName(int)}, or null
     */
    public Optional<String> refusal(int port, String host, String origin, String queryToken, String cookieToken) {
        Set<String> hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        Set<String> origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.of("Host \"" + printable(host) + "\" is not this studio (127.0.0.1:" + port + ")");
        }
        if (origin != null && !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            return Optional.of("requests from the page of \"" + printable(origin) + "\" are not allowed");
        }
        if (!matches(queryToken) && !matches(cookieToken)) {
            return Optional.of(queryToken == null && cookieToken == null
                    ? "this studio needs its token: open the URL that continuo studio printed"
                    : "wrong token: open the URL that continuo studio printed");
        }
        return Optional.empty();
    }

    /** True if {@code candidate} is the token; compared in constant time. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** At most 80 printable ASCII characters of a header, so a refusal stays one safe line. */
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 80; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
