package org.gatewatch.web.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatewatch.db.Page;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.gatewatch.events.EventFilter;
import org.gatewatch.events.EventHistory;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.SnapshotStore;
import org.gatewatch.http.HttpError;
import org.gatewatch.web.Services;
import org.gatewatch.web.api.dto.EventJson;
import org.gatewatch.web.api.dto.PageJson;

/**
 * {@code GET /api/events} (filters: see {@link EventParams}; {@code page}, {@code size}; newest first),
 * {@code /api/events/{id}}, {@code /api/events/{id}/frame.jpg} and {@code face.jpg},
 * {@code /api/events/export.csv} (same filters, up to {@value #MAX_EXPORT} rows),
 * {@code /api/events/counts} (today's totals per decision, {@code ?camera=}). The live stream is
 * {@link EventStreamServlet}.
 */
public final class EventsApi extends ApiServlet {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    static final int MAX_EXPORT = 100_000;

    private transient EventStore events;

    private transient EventHistory history;
    private transient SnapshotStore snapshots;

    @Override
    public void init() throws ServletException {
        events = Services.events(getServletContext());
        history = Services.eventHistory(getServletContext());
        snapshots = Services.snapshots(getServletContext());
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            throw methodNotAllowed(req, resp, "GET");
        }
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String[] parts = path.substring(1).split("/", -1);
        if (path.equals("/")) {
            list(req, resp);
        } else if (parts.length == 1 && parts[0].equals("export.csv")) {
            export(req, resp);
        } else if (parts.length == 1 && parts[0].equals("counts")) {
            writeJson(resp, 200, counts(events, req.getParameter("camera"), zone()));
        } else if (parts.length == 1) {
            writeJson(resp, 200, EventJson.of(event(parts[0]), PeopleApi.apiBase(req)));
        } else if (parts.length == 2 && (parts[1].equals("frame.jpg") || parts[1].equals("face.jpg"))) {
            snapshot(event(parts[0]), parts[1].equals("frame.jpg"), resp);
        } else {
            throw new HttpError(404, "no such resource under /api/events");
        }
    }

    private void list(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EventFilter filter = EventParams.filter(req, zone());
        int page = intParam(req, "page", 1, 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int size = intParam(req, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        Page<AccessEvent> result = events.page(filter, page, size);
        List<EventJson> items = result.items().stream().map(e -> EventJson.of(e, PeopleApi.apiBase(req))).toList();
        writeJson(resp, 200, new PageJson<>(items, result.page(), result.size(), result.total(), result.pages()));
    }

    private void export(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EventFilter filter = EventParams.filter(req, zone());
        resp.setContentType("text/csv");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Content-Disposition", "attachment; filename=\"gatewatch-events.csv\"");
        resp.setHeader("Cache-Control", "no-store");
        Writer out = resp.getWriter();
        EventCsv csv = new EventCsv(out, PeopleApi.apiBase(req));
        csv.header();
        try {
            events.forEach(filter, MAX_EXPORT, csv::row);
        } catch (UncheckedIOException e) {
            // The client went away mid-download; nothing is left to answer.
            throw e.getCause();
        }
    }

    /** Today's events per decision (since local midnight of the server's zone). */
    static Map<String, Object> counts(EventStore events, String camera, ZoneId zone) {
        Instant midnight = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        String cam = camera == null || camera.isBlank() ? null : camera.strip();
        Map<Decision, Long> counts = events.countsSince(midnight, cam);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("since", midnight.toString());
        body.put("camera", cam);
        long total = 0;
        for (Map.Entry<Decision, Long> e : counts.entrySet()) {
            body.put(e.getKey().name(), e.getValue());
            total += e.getValue();
        }
        body.put("total", total);
        return body;
    }

    private AccessEvent event(String segment) {
        long id = id(segment, "event");
        return history.find(id).orElseThrow(() -> new HttpError(404, "no event " + id));
    }

    private void snapshot(AccessEvent e, boolean frame, HttpServletResponse resp) throws IOException {
        String file = frame ? e.frameFile() : e.faceFile();
        String what = frame ? "frame" : "face";
        if (file == null) {
            throw new HttpError(404, "event " + e.id() + " has no " + what + " snapshot"
                    + (e.snapshotError() == null ? "" : ": " + e.snapshotError()));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(snapshots.path(file));
        } catch (NoSuchFileException ex) {
            throw new HttpError(404, "the " + what + " snapshot of event " + e.id() + " is gone (retention?)");
        }
        resp.setContentType("image/jpeg");
        resp.setContentLength(bytes.length);
        // A face or a frame of a person: no shared cache may keep it, and no browser either after the session.
        resp.setHeader("Cache-Control", "private, no-store");
        resp.getOutputStream().write(bytes);
    }

    static ZoneId zone() {
        return ZoneId.systemDefault();
    }
}
