package org.gatewatch.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.gatewatch.http.ErrorResponses;
import org.gatewatch.http.HttpError;
import org.gatewatch.web.api.Uploads;

/**
 * Refuses a state-changing request that a stranger's page could have made a logged-in browser send (the rules are
 * {@link CsrfRule}'s): 403 with {@code {"error"}} under /api/, the error page elsewhere. Mapped to every URL in
 * web.xml, REQUEST dispatch only: a forward inside the app was already checked when it arrived.
 *
 * <p>Why not Tomcat's CsrfPreventionFilter or RestCsrfPreventionFilter: neither lets a request with an
 * Authorization header through without a token, neither checks Origin or Referer, the first puts a nonce in every
 * URL (bookmarks, logs) and guards GETs too, and the second hands its token out only to a GET that asks with a
 * "Fetch" header, which a plain HTML form never sends.
 */
public final class CsrfFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (CsrfRule.SAFE_METHODS.contains(req.getMethod())) {
            chain.doFilter(req, resp);
            return;
        }
        Optional<String> refusal;
        try {
            refusal = CsrfRule.refusal(facts(req));
        } catch (HttpError e) {
            // A multipart form Tomcat could not read: its own 413 or 400 says more than "no token".
            refuse(req, resp, e);
            return;
        }
        if (refusal.isPresent()) {
            refuse(req, resp, new HttpError(403, refusal.get()));
        } else {
            chain.doFilter(req, resp);
        }
    }

    private static CsrfRule.Facts facts(HttpServletRequest req) {
        boolean authorization = req.getHeader("Authorization") != null;
        boolean sessionCookie = req.getRequestedSessionId() != null;
        String sessionToken = CsrfTokens.of(req.getSession(false));
        // The form field is read only when it matters: reading it parses the body.
        String sent = authorization || !sessionCookie || sessionToken == null ? null : sentToken(req);
        return new CsrfRule.Facts(req.getMethod(), authorization, sessionCookie, req.getHeader("Origin"),
                req.getHeader("Referer"), CsrfRule.origin(req.getScheme(), req.getServerName(), req.getServerPort()),
                sessionToken, sent);
    }

    /** The header a script sends, else the form field (of a urlencoded or a multipart form). */
    private static String sentToken(HttpServletRequest req) {
        String header = req.getHeader(CsrfTokens.HEADER);
        if (header != null) {
            return header;
        }
        if (String.valueOf(req.getContentType()).startsWith("multipart/form-data")) {
            // Parsed here first, so a body Tomcat cannot read is its 413 or 400, not an exception from getParameter.
            Uploads.checkReadable(req);
        }
        return req.getParameter(CsrfTokens.PARAMETER);
    }

    private static void refuse(HttpServletRequest req, HttpServletResponse resp, HttpError error)
            throws IOException, ServletException {
        if (String.valueOf(req.getServletPath()).startsWith("/api/")) {
            ErrorResponses.send(req, resp, error);
        } else {
            PageErrors.send(req, resp, error);
        }
    }
}
