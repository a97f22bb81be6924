package org.gatewatch.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.camera.CameraStatus;
import org.gatewatch.events.journal.JournalStatus;
import org.gatewatch.web.Services;

/**
 * GET /api/status: {@code {"cameras": [...], "viewers": n, "maxViewers": m, "snapshotBytes": b,
 * "serverWarnings": [...], "journal": {...}}}.
 */
public final class StatusApi extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The response body; the field names are a public contract.
     *
     * @param snapshotBytes disk used by the event snapshots (measured at most once a minute; -1 if unreadable)
     * @param serverWarnings what Tomcat's set-up does wrong for many viewers, with the fix (empty when tuned)
     * @param journal        the decisions' journal: what could not be kept, and how far each consumer got
     */
    public record Status(List<CameraStatus> cameras, int viewers, int maxViewers, long snapshotBytes,
                         List<String> serverWarnings, JournalStatus journal) {
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        CameraRegistry registry = Services.cameras(getServletContext());
        long snapshots = Services.snapshots(getServletContext()).recentDiskBytes();
        Status status = new Status(registry.statuses(), registry.viewerLimit().current(), registry.viewerLimit().max(),
                snapshots, Services.serverWarnings(getServletContext()).lines(),
                JournalStatus.of(Services.recorder(getServletContext()).journal()));
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), status);
    }
}
