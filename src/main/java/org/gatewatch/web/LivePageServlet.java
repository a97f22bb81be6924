package org.gatewatch.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.gatewatch.stream.StreamWidth;

/** GET / : every camera's live stream and status. Computes, then forwards to the JSP, which only renders. */
public final class LivePageServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        // The page's script picks the narrowest of these that fills a grid cell, so a phone's wall stays light.
        req.setAttribute("streamWidths", StreamWidth.WIDTHS.stream().map(String::valueOf)
                .collect(Collectors.joining(" ")));
        req.setAttribute("cameras", Services.cameras(getServletContext()).statuses());
        long bytes = Services.snapshots(getServletContext()).recentDiskBytes();
        req.setAttribute("snapshotMegabytes", bytes < 0 ? null : bytes / 1_048_576.0);
        resp.setHeader("Cache-Control", "no-store");
        PageChrome.expose(req, true);
        req.getRequestDispatcher("/WEB-INF/jsp/live.jsp").forward(req, resp);
    }
}
