package org.gatewatch.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF token: one per session, 256 random bits, kept in the session. Pages get it as the request attribute
 * {@value #REQUEST_ATTRIBUTE}; forms send it back as the field {@value #PARAMETER}, scripts as the header
 * {@value #HEADER}.
 */
public final class CsrfTokens {

    /** The hidden form field. */
    public static final String PARAMETER = "_csrf";
    /** The request header a script's fetch() sends. */
    public static final String HEADER = "X-CSRF-Token";
    /** What the JSPs read: {@code ${csrfToken}}. */
    public static final String REQUEST_ATTRIBUTE = "csrfToken";
    private static final String SESSION_ATTRIBUTE = "org.gatewatch.web.csrfToken";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /** The session's token, or null when there is no session or it has no token yet. */
    static String of(HttpSession session) {
        return session == null ? null : (String) session.getAttribute(SESSION_ATTRIBUTE);
    }

    /** The session's token, made on first use. */
    static String forSession(HttpSession session) {
        String token = of(session);
        if (token != null) {
            return token;
        }
        // Once per session, so one lock for all costs nothing; without it two first pages loaded at once could
        // each show a token of their own, and the one that lost would be refused on submit.
        synchronized (CsrfTokens.class) {
            token = of(session);
            if (token == null) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                session.setAttribute(SESSION_ATTRIBUTE, token);
            }
            return token;
        }
    }

    /**
     * Puts the token where a page's forms find it. {@code create}: start a session when there is none (a page with
     * forms); otherwise only an existing session's token is shown (an error page).
     */
    static void expose(HttpServletRequest req, boolean create) {
        HttpSession session = req.getSession(create);
        if (session != null) {
            req.setAttribute(REQUEST_ATTRIBUTE, forSession(session));
        }
    }
}
