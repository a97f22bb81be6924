package org.gatewatch.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;

/** The events filter of a request as a query string (no page), so the pager and the CSV export keep the filter. */
final class FilterQuery {

    static final List<String> KEYS = List.of("camera", "decision", "person", "from", "to");

    private FilterQuery() {
    }

    static String of(HttpServletRequest req) {
        StringJoiner q = new StringJoiner("&");
        for (String key : KEYS) {
            String v = req.getParameter(key);
            if (v != null && !v.isBlank()) {
                q.add(key + "=" + URLEncoder.encode(v.strip(), StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }
}
