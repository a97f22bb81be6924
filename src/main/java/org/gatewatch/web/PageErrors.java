package org.gatewatch.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.LogText;
import org.gatewatch.http.HttpError;

/** The HTML counterpart of ErrorResponses for the pages: the status and a one-line message on the error page. */
final class PageErrors {

    private static final Logger LOG = LogManager.getLogger(PageErrors.class);

    private PageErrors() {
    }

    static void send(HttpServletRequest req, HttpServletResponse resp, HttpError error)
            throws ServletException, IOException {
        // The path and the message may carry what the client sent: encoded, so no CR/LF starts a forged line.
        LOG.info("{} {} -> {} {}", LogText.encode(req.getMethod()), LogText.encode(req.getRequestURI()), error.status(),
                LogText.encode(error.getMessage()));
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        resp.setStatus(error.status());
        req.setAttribute("status", error.status());
        req.setAttribute("message", error.getMessage());
        PageChrome.expose(req, false);
        req.getRequestDispatcher("/WEB-INF/jsp/error.jsp").forward(req, resp);
    }
}
