package org.gatewatch.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.db.DatabaseProbe;

/**
 * GET /readyz: 200 {@code ready} when every always-on camera streams and the database answers, else 503 with one
 * line naming what is wrong ({@code camera door not streaming; database unreachable}). The line names camera ids
 * only: sources, hosts, paths and exception text stay in the log and in /api/status, as the probe needs no login.
 * It answers within about 2 s even when the database hangs (see {@link DatabaseProbe}).
 */
public final class ReadinessServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> problems = problems(getServletContext());
        if (problems.isEmpty()) {
            ProbeAnswer.send(resp, HttpServletResponse.SC_OK, "ready");
        } else {
            ProbeAnswer.send(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, String.join("; ", problems));
        }
    }

    private static List<String> problems(ServletContext context) {
        if (context.getAttribute(Services.CAMERAS) == null || context.getAttribute(Services.DATABASE_PROBE) == null) {
            // Between the servlet's start and the listener's share(), or during an undeploy.
            return List.of("not started");
        }
        CameraRegistry cameras = Services.cameras(context);
        DatabaseProbe database = Services.databaseProbe(context);
        List<String> problems = new ArrayList<>();
        List<String> stalled = cameras.alwaysOnNotStreaming(System.currentTimeMillis());
        if (!stalled.isEmpty()) {
            problems.add((stalled.size() == 1 ? "camera " : "cameras ") + String.join(", ", stalled)
                    + " not streaming");
        }
        if (!database.reachable()) {
            problems.add("database unreachable");
        }
        return problems;
    }
}
