package org.gatewatch.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GET /healthz: 200 {@code ok} while the webapp answers requests. It touches neither the database nor the cameras,
 * so a slow camera or database never makes a supervisor restart a process that is merely waiting (that is
 * {@link ReadinessServlet}'s question).
 */
public final class LivenessServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ProbeAnswer.send(resp, HttpServletResponse.SC_OK, "ok");
    }
}
