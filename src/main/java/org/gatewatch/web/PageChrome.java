package org.gatewatch.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What every page's header and forms need besides their own data: the CSRF token for the forms, and what the
 * logged-in user's roles let them do, so a page shows no button that the server would refuse. The server's
 * security constraints are what enforce the roles; this only hides what would fail.
 */
final class PageChrome {

    static final String ADMIN = "gatewatch-admin";
    static final String GUARD = "gatewatch-guard";

    private PageChrome() {
    }

    /**
     * Sets {@code csrfToken}, {@code mayEdit} (people, faces, enrollment: admins) and {@code maySeeEvents} (guards
     * and admins). With no login in force (no user on the request) nothing is hidden: then the server refuses no
     * role either. {@code createSession}: see {@link CsrfTokens#expose}.
     */
    static void expose(HttpServletRequest req, boolean createSession) {
        CsrfTokens.expose(req, createSession);
        boolean anonymous = req.getRemoteUser() == null;
        boolean admin = req.isUserInRole(ADMIN);
        req.setAttribute("mayEdit", anonymous || admin);
        req.setAttribute("maySeeEvents", anonymous || admin || req.isUserInRole(GUARD));
    }
}
