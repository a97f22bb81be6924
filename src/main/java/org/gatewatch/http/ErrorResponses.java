package org.gatewatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.LogText;

/** The one place that turns an {@link HttpError} into a response: the status, {@code {"error": "..."}} and one log line. */
public final class ErrorResponses {

    private static final Logger LOG = LogManager.getLogger(ErrorResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponses() {
    }

    public static void send(HttpServletRequest req, HttpServletResponse resp, HttpError error) throws IOException {
        // The path and the message may carry what the client sent: encoded, so no CR/LF starts a forged line.
        LOG.info("{} {} -> {} {}", LogText.encode(req.getMethod()), LogText.encode(req.getRequestURI()), error.status(),
                LogText.encode(error.getMessage()));
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        resp.setStatus(error.status());
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        ObjectNode body = JSON.createObjectNode().put("error", error.getMessage());
        if (error.field() != null) {
            body.put("field", error.field());
        }
        resp.getWriter().write(JSON.writeValueAsString(body));
    }
}
