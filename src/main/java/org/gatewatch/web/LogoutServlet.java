package org.gatewatch.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code POST /logout}, the header's Logout button: forgets the login and the session (and with it the CSRF token),
 * then sends the browser to the live page, which asks for a login again. A POST, so a link or an image on another
 * page cannot log a user out; CsrfFilter checks it like any other form.
 */
public final class LogoutServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        req.logout();
        HttpSession session = req.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        resp.setHeader("Cache-Control", "no-store");
        resp.setStatus(303);
        resp.setHeader("Location", req.getContextPath() + "/");
    }
}
