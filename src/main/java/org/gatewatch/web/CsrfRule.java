package org.gatewatch.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a request may change state, decided from what it carries; no Servlet API here, so every rule is tested
 * without a container (CsrfRuleTest). {@link CsrfFilter} gathers the facts and answers a refusal with 403.
 *
 * <p>A request made with an {@code Authorization} header (a script, {@code curl -u}) needs no token: a stranger's
 * page cannot make a browser send one it does not have. A request that carries a session cookie needs the session's
 * token and its own origin in {@code Origin} (or, when a browser sends none, {@code Referer}). A foreign origin is
 * refused whatever else the request carries: a browser that cached HTTP Basic credentials sends them with a forged
 * form too, but it also sends the forging page's {@code Origin}.
 */
final class CsrfRule {

    /** The methods that change nothing; every other one (POST, PUT, DELETE, PATCH, ...) is checked. */
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * The facts of one request. {@code ownOrigin} is scheme://host:port as the server sees itself (after
     * RemoteIpValve behind a proxy); {@code sessionToken} is null when the session has none (or there is no session);
     * {@code sentToken} comes from the header or the form field, null when absent.
     */
    record Facts(String method, boolean authorization, boolean sessionCookie, String origin, String referer,
                 String ownOrigin, String sessionToken, String sentToken) {
    }

    private CsrfRule() {
    }

    /** Empty when the request may go on; else the one-line reason it is refused. */
    static Optional<String> refusal(Facts f) {
        if (SAFE_METHODS.contains(f.method().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String claimed = f.origin() != null ? f.origin() : f.referer();
        if (claimed != null && !sameOrigin(claimed, f.ownOrigin())) {
            return Optional.of("a request from another site cannot change anything here");
        }
        if (f.authorization() || !f.sessionCookie()) {
            // Credentials the client sent on purpose, or none a browser adds by itself: nothing to forge.
            return Optional.empty();
        }
        if (claimed == null) {
            return Optional.of("the browser sent neither Origin nor Referer; reload the page and try again");
        }
        if (f.sessionToken() == null) {
            return Optional.of("the session has ended; reload the page and try again");
        }
        if (f.sentToken() == null || f.sentToken().isEmpty()) {
            return Optional.of("the form carries no CSRF token; reload the page and try again");
        }
        if (!MessageDigest.isEqual(f.sessionToken().getBytes(StandardCharsets.UTF_8),
                f.sentToken().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("the CSRF token does not match this session; reload the page and try again");
        }
        return Optional.empty();
    }

    /** scheme://host:port of a server, the default port written out, as {@link #sameOrigin} compares it. */
    static String origin(String scheme, String host, int port) {
        return scheme.toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /**
     * Whether {@code claimed} (an Origin value, or a Referer URL) names {@code own}; "null" (an opaque origin, a
     * sandboxed frame or a page that sends no referrer) and anything unparseable are foreign.
     */
    static boolean sameOrigin(String claimed, String own) {
        try {
            URI uri = new URI(claimed.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
            return port > 0 && origin(scheme, host, port).equals(own);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }
}
