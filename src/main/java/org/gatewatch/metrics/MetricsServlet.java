package org.gatewatch.metrics;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.gatewatch.http.ErrorResponses;
import org.gatewatch.http.HttpError;

/**
 * GET /metrics: every meter, for Prometheus. The format follows the Accept header (Prometheus text 0.0.4 by default,
 * OpenMetrics when asked). The admin or the {@code gatewatch-metrics} role (web.xml).
 */
public final class MetricsServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        Object metrics = getServletContext().getAttribute(AppMetrics.ATTRIBUTE);
        if (!(metrics instanceof AppMetrics m)) {
            ErrorResponses.send(req, resp, new HttpError(503, "GateWatch is not running"));
            return;
        }
        String accept = req.getHeader("Accept");
        resp.setContentType(m.contentType(accept));
        resp.setHeader("Cache-Control", "no-store");
        m.scrape(resp.getOutputStream(), accept);
    }
}
