package org.gatewatch.web;

import jakarta.servlet.http.HttpServletRequest;
import org.gatewatch.http.HttpError;

/** The {@code page} parameter of the list pages: a number from 1, 1 when absent. */
final class PageParams {

    private PageParams() {
    }

    static int page(HttpServletRequest req) {
        String v = req.getParameter("page");
        if (v == null || v.isBlank()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(v.strip());
            if (page >= 1 && page <= 1_000_000) {
                return page;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new HttpError(400, "page must be a number from 1", "page");
    }
}
