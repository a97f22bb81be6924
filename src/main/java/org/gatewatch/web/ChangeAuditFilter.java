package org.gatewatch.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.LogText;

/**
 * A record in the audit trail and one line on the audit logger for every request that may change something (POST,
 * PUT, PATCH, DELETE): who (the container's user), from where, what, and how it ended. Every state change of GateWatch goes through a URL, so a
 * filter in front of all of them traces each one to a user, including those of servlets added later. Requests the
 * container refused (no login, no role) never get here: the access log has those.
 */
public final class ChangeAuditFilter extends HttpFilter {

    private static final Logger AUDIT = LogManager.getLogger("org.gatewatch.audit");
    private static final Logger LOG = LogManager.getLogger(ChangeAuditFilter.class);
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (!CHANGES.contains(req.getMethod())) {
            chain.doFilter(req, resp);
            return;
        }
        try {
            chain.doFilter(req, resp);
        } finally {
            if (req.isAsyncStarted()) {
                req.getAsyncContext().addListener(new WhenDone(req, resp));
            } else {
                record(req, resp);
            }
        }
    }

    private static void record(HttpServletRequest req, HttpServletResponse resp) {
        String created = resp.getHeader("Location");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", req.getMethod());
        fields.put("path", req.getRequestURI());
        fields.put("status", resp.getStatus());
        fields.put("user", req.getRemoteUser());
        fields.put("from", req.getRemoteAddr());
        fields.put("created", created);
        try {
            Services.auditTrail(req.getServletContext()).append("change", fields);
        } catch (UncheckedIOException e) {
            LOG.error("A change by {} is not in the audit trail: {}", LogText.encode(req.getRemoteUser()),
                    e.getMessage());
        }
        AUDIT.info("change method={} path=\"{}\" status={} user=\"{}\" from={}{}", req.getMethod(),
                LogText.encode(req.getRequestURI()), resp.getStatus(), LogText.encode(req.getRemoteUser()),
                req.getRemoteAddr(), created == null ? "" : " created=\"" + LogText.encode(created) + "\"");
    }

    /** An asynchronous change (one that waits for a camera) is recorded when its answer is complete. */
    private record WhenDone(HttpServletRequest req, HttpServletResponse resp) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            record(req, resp);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows a timeout: the line is written there, once.
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows an error as well.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
