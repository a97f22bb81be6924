package org.gatewatch.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every answer to a bad request must be: a status, 4xx (or one that {@link BadRequest#alsoAllowed()} names),
 * and nothing of the server's insides: no Java stack trace or exception name, no filesystem path, no server
 * version. A marker the request itself carried is not counted: the app may echo a bad value back.
 */
public final class ResponseCheck {

    static final List<String> INSIDES = List.of("at org.", "at java.", "Exception", ".java:", "/home/", "/tmp/",
            "/work/", "/root/", "/var/", "Apache Tomcat/", "catalina.base");

    private final List<String> markers;

    /** {@code privatePaths}: the server's own folders (its base, its data), beyond the usual ones. */
    public ResponseCheck(List<String> privatePaths) {
        markers = new ArrayList<>(INSIDES);
        privatePaths.stream().filter(p -> !p.isBlank()).forEach(markers::add);
    }

    /** The fault in the answer, or empty when it is as it should be. */
    public Optional<String> problem(BadRequest request, RawResponse response) {
        if (response.status() < 0) {
            // A client that shuts its side mid-body has abandoned the request: Tomcat may close without answering.
            return request.halfClose() ? Optional.empty()
                    : Optional.of("no HTTP status came back: " + response.error());
        }
        int s = response.status();
        if ((s < 400 || s > 499) && !request.alsoAllowed().contains(s) && !isLoginForm(request, response)) {
            return Optional.of("status " + s + ", not 4xx");
        }
        String sent = new String(request.wire(), StandardCharsets.ISO_8859_1);
        String text = response.text();
        for (String marker : markers) {
            if (text.contains(marker) && !sent.contains(marker)) {
                return Optional.of("the answer shows '" + marker + "'");
            }
        }
        return Optional.empty();
    }

    /**
     * A page asked without credentials answers with the login form (FORM authentication forwards to it, status 200):
     * that is a refusal too, as long as it is the form and not the page.
     */
    private static boolean isLoginForm(BadRequest request, RawResponse response) {
        String sent = new String(request.wire(), StandardCharsets.ISO_8859_1);
        if (response.status() != 200 || sent.contains("\r\nAuthorization:")) {
            return false;
        }
        if (sent.startsWith("HEAD ")) {
            // No body to look at: the form's forward is known by the session it starts to remember the page asked for.
            return response.head().contains("Set-Cookie: JSESSIONID=");
        }
        return response.text().contains("j_security_check") && response.text().contains("j_password");
    }
}
