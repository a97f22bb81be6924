package org.gatewatch.tomcat;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.catalina.Realm;
import org.apache.catalina.Session;
import org.apache.catalina.authenticator.FormAuthenticator;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.LockOutRealm;
import org.apache.juli.logging.Log;
import org.apache.juli.logging.LogFactory;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/**
 * Tomcat's FORM authenticator that also takes HTTP Basic credentials and signed stream links, so one webapp serves a
 * browser (login page, session cookie), a script or camera viewer ({@code curl -u}, {@code http://user:pass@host/…})
 * and a reception screen (a link with {@code ?token=}) under the same security constraints of {@code web.xml}.
 *
 * <p>A webapp has one {@code login-config}; Tomcat picks the authenticator from it, or takes this valve when
 * {@code META-INF/context.xml} declares it. Credentials are checked by the container's realm ({@code LockOutRealm} in
 * charge of lock-out), roles by {@code isUserInRole}: nothing of the webapp decides who someone is. The valve runs in
 * Tomcat's class loader (its jar goes into Tomcat's {@code lib/} beside the natives), so it logs through Tomcat's own
 * log and reaches the webapp only through JDK types.
 *
 * <ul>
 *   <li>{@code Authorization: Basic …}: checked on every request, never kept in a session (a script has no cookie);
 *       wrong credentials get 401 with {@code WWW-Authenticate: Basic}.</li>
 *   <li>{@code ?token=} on a stream or snapshot: accepted when the webapp's link verifier (a
 *       {@code BiPredicate<String, String>} of path and token, context attribute {@value #LINKS_ATTRIBUTE}) says it
 *       opens exactly this URL; the request then acts as a viewer for that one response. Else 403.</li>
 *   <li>No credentials: a page is sent to the login form (FORM, the session remembers the login); a URL under one
 *       of {@link #setBasicOnlyPaths basicOnlyPaths} (API, streams, snapshots, metrics) gets 401 with
 *       {@code WWW-Authenticate: Basic}, because a script or player cannot fill in a form.</li>
 * </ul>
 */
public class FormAndBasicAuthenticator extends FormAuthenticator {

    /** Where the webapp puts its verifier of signed stream links. */
    public static final String LINKS_ATTRIBUTE = "org.gatewatch.streamLinks";
    /** The role a valid signed link carries for its one request. */
    static final String LINK_ROLE = "gatewatch-viewer";

    private static final Log log = LogFactory.getLog(FormAndBasicAuthenticator.class);

    private List<String> basicOnlyPaths = List.of("/api/", "/cameras/", "/video_feed", "/metrics");
    private String realmName = "GateWatch";

    /** Comma-separated path prefixes (inside the webapp) that answer 401 rather than the login page. */
    public void setBasicOnlyPaths(String paths) {
        basicOnlyPaths = List.of(paths.trim().split("\\s*,\\s*"));
    }

    public String getBasicOnlyPaths() {
        return String.join(",", basicOnlyPaths);
    }

    /** The realm name in {@code WWW-Authenticate}, which a browser shows in its password dialog. */
    public void setRealmName(String realmName) {
        this.realmName = realmName;
    }

    public String getRealmName() {
        return realmName;
    }

    /**
     * Basic credentials and links are settled before Tomcat's own authentication runs: a request they authenticate
     * carries its user from then on, which the FORM authenticator takes as already logged in (as it takes a user set
     * by a connector), on Tomcat 10.1 and 11 alike. Only requests that a constraint asks to log in are looked at, so
     * a stale header on a static file or a probe changes nothing.
     */
    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getUserPrincipal() == null && needsLogin(request) && !settle(request, response)) {
            return;
        }
        super.invoke(request, response);
        if (request.getUserPrincipal() == null && request.getRequestURI().endsWith("/j_security_check")) {
            noteFailure(request, request.getParameter("j_username"));
        }
    }

    /** False when the answer has been sent (401, 403 or 400); true when Tomcat's own authentication goes on. */
    private boolean settle(Request request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return basic(request, response, authorization);
        }
        if (loggedInSession(request)) {
            // A browser logged in through the form: Tomcat restores its user from the session further on.
            return true;
        }
        if (!link(request, response)) {
            return false;
        }
        if (request.getUserPrincipal() == null && basicOnly(request)) {
            // Straight to 401: the form login would first save the request, and refuses a body above
            // maxSavePostSize with 403, which a script would read as "not allowed" rather than "log in".
            challenge(response);
            return false;
        }
        return true;
    }

    /** A script or player cannot fill in a form: under the API, stream and metrics paths the login is a 401. */
    @Override
    protected void forwardToLoginPage(Request request, HttpServletResponse response, LoginConfig config)
            throws IOException {
        if (basicOnly(request)) {
            challenge(response);
            return;
        }
        super.forwardToLoginPage(request, response, config);
    }

    private boolean basicOnly(Request request) {
        String path = pathInside(request);
        return basicOnlyPaths.stream().anyMatch(path::startsWith);
    }

    /** A browser logged in through the form: Tomcat restores its user from the session further on. */
    private static boolean loggedInSession(Request request) {
        Session session = request.getSessionInternal(false);
        return session != null && session.getPrincipal() != null;
    }

    private boolean needsLogin(Request request) {
        SecurityConstraint[] constraints = realm().findSecurityConstraints(request, context);
        if (constraints == null) {
            return false;
        }
        for (SecurityConstraint constraint : constraints) {
            if (constraint.getAuthConstraint()) {
                return true;
            }
        }
        return false;
    }

    /** True when the header's user is logged in for this request; else the answer (401) is sent. */
    private boolean basic(Request request, HttpServletResponse response, String authorization) throws IOException {
        Credentials credentials = Credentials.parseBasic(authorization);
        if (credentials == null) {
            challenge(response);
            return false;
        }
        Principal principal = realm().authenticate(credentials.user(), credentials.password());
        if (principal == null) {
            noteFailure(request, credentials.user());
            challenge(response);
            return false;
        }
        // Never a session: a script has no cookie, and a thousand players would leave a thousand sessions.
        request.setAuthType(HttpServletRequest.BASIC_AUTH);
        request.setUserPrincipal(principal);
        return true;
    }

    /**
     * True when there is no link to look at, or a valid one (its request then acts as a viewer); false when the
     * answer (400 for a malformed query, 403 for a wrong link) has been sent.
     */
    private boolean link(Request request, HttpServletResponse response) throws IOException {
        String token;
        try {
            token = "GET".equals(request.getMethod()) ? request.getParameter("token") : null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Tomcat refuses a malformed query string (a bad %-escape, too many parameters) when it is first read.
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "malformed query string");
            return false;
        }
        if (token == null) {
            return true;
        }
        if (linkOpens(request, token)) {
            request.setAuthType("LINK");
            request.setUserPrincipal(new GenericPrincipal("link", List.of(LINK_ROLE)));
            return true;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "this link is not valid for this URL or has expired");
        return false;
    }

    @SuppressWarnings("unchecked")
    private static boolean linkOpens(Request request, String token) {
        Object verifier = request.getServletContext().getAttribute(LINKS_ATTRIBUTE);
        return verifier instanceof BiPredicate<?, ?> links
                && ((BiPredicate<String, String>) links).test(pathInside(request), token);
    }

    /** Logs a failed login that leaves the user locked out, with the client's address (not the password). */
    private void noteFailure(Request request, String user) {
        if (user != null && realm() instanceof LockOutRealm lockOut && lockOut.isLocked(user)) {
            log.warn("Login refused: user [" + printable(user) + "] is locked out after repeated failures; last attempt"
                    + " from " + request.getRemoteAddr());
        }
    }

    private void challenge(HttpServletResponse response) throws IOException {
        response.setHeader(AUTH_HEADER_NAME, "Basic realm=\"" + realmName + "\", charset=\"UTF-8\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "log in: HTTP Basic credentials or the login page");
    }

    private Realm realm() {
        return context.getRealm();
    }

    private static String pathInside(Request request) {
        String uri = request.getDecodedRequestURI();
        return uri.substring(Math.min(request.getContextPath().length(), uri.length()));
    }

    /** A user name as it may appear in a log line: no control characters that could forge a line. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), 64));
        value.codePoints().limit(64).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    /** A user and password from an {@code Authorization: Basic} header; null when the header is not one. */
    record Credentials(String user, String password) {

        static Credentials parseBasic(String header) {
            if (header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(header.substring(6).trim());
            } catch (IllegalArgumentException e) {
                return null;
            }
            String pair = new String(decoded, StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon <= 0 ? null : new Credentials(pair.substring(0, colon), pair.substring(colon + 1));
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }
}
