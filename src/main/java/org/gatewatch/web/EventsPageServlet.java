package org.gatewatch.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.gatewatch.db.Page;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.gatewatch.events.EventFilter;
import org.gatewatch.events.EventStore;
import org.gatewatch.http.HttpError;
import org.gatewatch.web.api.EventParams;

/**
 * {@code GET /events}: the access events with their snapshot thumbnails, newest first, filtered by the form
 * (camera, decision, person id, from, to; a plain GET form, so a filtered list is a link) and paged. A bad filter
 * value shows the page again with the message by the field (400).
 */
public final class EventsPageServlet extends HttpServlet {

    static final int PAGE_SIZE = 25;
    /** How times read on the page: the server's zone, to the second. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A row as the JSP shows it: the event and its time in the server's zone. */
    public record Row(AccessEvent event, String localTime) {
    }

    private transient EventStore events;

    @Override
    public void init() throws ServletException {
        events = Services.events(getServletContext());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        resp.setHeader("Cache-Control", "no-store");
        ZoneId zone = ZoneId.systemDefault();
        EventFilter filter = EventFilter.ALL;
        Map<String, String> errors = Map.of();
        Page<AccessEvent> result;
        try {
            filter = EventParams.filter(req, zone);
            result = events.page(filter, PageParams.page(req), PAGE_SIZE);
        } catch (HttpError e) {
            resp.setStatus(e.status());
            errors = Map.of(e.field() == null ? "form" : e.field(), e.getMessage());
            result = new Page<>(List.of(), 1, PAGE_SIZE, 0);
        }
        req.setAttribute("rows", result.items().stream()
                .map(e -> new Row(e, TIME.format(e.time().atZone(zone)))).toList());
        req.setAttribute("result", result);
        req.setAttribute("errors", errors);
        PageChrome.expose(req, true);
        req.setAttribute("decisions", Decision.values());
        req.setAttribute("cameras", Services.cameras(getServletContext()).statuses());
        req.setAttribute("zone", zone.getId());
        // The filter's own query string, without the page, for the pager and the CSV link.
        req.setAttribute("query", FilterQuery.of(req));
        req.getRequestDispatcher("/WEB-INF/jsp/events.jsp").forward(req, resp);
    }
}
