package org.gatewatch.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The health probes' answer: one line of plain text, never cached. Not the API's JSON error shape: a 503 here is a
 * state reported to a supervisor (and to an operator's curl), not a failed request, and it is not logged per probe.
 */
final class ProbeAnswer {

    private ProbeAnswer() {
    }

    static void send(HttpServletResponse resp, int status, String line) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(line + "\n");
    }
}
