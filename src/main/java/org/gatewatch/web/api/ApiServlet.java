package org.gatewatch.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.LogText;
import org.gatewatch.http.ErrorResponses;
import org.gatewatch.http.HttpError;
import org.gatewatch.people.DuplicateException;
import org.gatewatch.people.InvalidInputException;

/**
 * Base of the JSON API servlets: one {@link #handle} per request, and the one translation of failures into the
 * error shape {@code {"error", "field"}}: malformed input 400, a body too large 413, a taken unique value 409, a
 * value that cannot be stored 422, anything unexpected 500 with the cause in the log.
 */
abstract class ApiServlet extends HttpServlet {

    private static final Logger LOG = LogManager.getLogger(ApiServlet.class);

    /** A person or a setting is a few hundred bytes of JSON; a bigger body is a mistake or an attack. */
    static final int MAX_JSON_BODY = 64 * 1024;

    /**
     * Strict about what is one JSON object: a duplicate key or content after the object is a 400, since two readers
     * of the same body (a proxy, a log, this API) could otherwise take different values from it.
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Does the work of any method; throws {@link HttpError} (or a store's exception) to answer with an error. */
    protected abstract void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException;

    @Override
    protected final void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            checkParameters(req);
            handle(req, resp);
        } catch (HttpError e) {
            ErrorResponses.send(req, resp, e);
        } catch (InvalidInputException e) {
            ErrorResponses.send(req, resp, new HttpError(422, e.getMessage(), e.field()));
        } catch (DuplicateException e) {
            ErrorResponses.send(req, resp, new HttpError(409, e.getMessage(), e.field()));
        } catch (RuntimeException | ServletException e) {
            LOG.error("{} {} failed", LogText.encode(req.getMethod()), LogText.encode(req.getRequestURI()), e);
            // The cause is in the log line above; its message may name classes, files or SQL, so the client gets none.
            ErrorResponses.send(req, resp, new HttpError(500, "internal error: see the server log"));
        }
    }

    /**
     * Parses the query string (and a urlencoded form) once, up front: Tomcat 11 throws an IllegalStateException from
     * {@code getParameter} when it cannot (bad %-encoding, more than the connector's maxParameterCount), which the
     * catch-all would answer with 500. A multipart body is left to {@link Uploads}, which answers its own failures.
     */
    private static void checkParameters(HttpServletRequest req) {
        if (String.valueOf(req.getContentType()).startsWith("multipart/")) {
            return;
        }
        try {
            req.getParameterMap();
        } catch (IllegalStateException e) {
            throw new HttpError(400, "the query string cannot be read: malformed %-encoding or too many parameters");
        }
    }

    /**
     * Reads the JSON body as {@code type}; malformed JSON, a wrong type or an unknown field is a 400, a body above
     * {@link #MAX_JSON_BODY} a 413 (its size is checked before it is parsed, and no more of it is read).
     */
    static <T> T readBody(HttpServletRequest req, Class<T> type) throws IOException {
        // The media type itself, not a prefix: application/json-patch+json is another format.
        String mediaType = String.valueOf(req.getContentType()).split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new HttpError(415, "send the body as application/json, not " + req.getContentType());
        }
        if (req.getContentLengthLong() > MAX_JSON_BODY) {
            throw tooLarge();
        }
        // A chunked body states no length: read one byte past the limit to tell.
        byte[] body = req.getInputStream().readNBytes(MAX_JSON_BODY + 1);
        if (body.length > MAX_JSON_BODY) {
            throw tooLarge();
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw new HttpError(400, "the body is empty: send a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new HttpError(400, "unknown field '" + e.getPropertyName() + "'", e.getPropertyName());
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw new HttpError(400, field == null ? "the body is not a JSON object of the expected shape"
                    : "field '" + field + "' has the wrong type", field);
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static HttpError tooLarge() {
        return new HttpError(413, "the JSON body is too large (" + MAX_JSON_BODY / 1024 + " KiB at most)");
    }

    static void writeJson(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), body);
    }

    /** A positive id from a path segment; anything else is a 404 of that resource. */
    static long id(String segment, String what) {
        try {
            long id = Long.parseLong(segment);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through: not a number
        }
        throw new HttpError(404, "no " + what + " '" + segment + "'");
    }

    /** An integer query parameter in [min, max], or {@code fallback} when absent; a bad value is a 400. */
    static int intParam(HttpServletRequest req, String name, int fallback, int min, int max) {
        String v = req.getParameter(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through: not a number
        }
        throw new HttpError(400, name + " must be a whole number from " + min + " to " + max, name);
    }

    static HttpError methodNotAllowed(HttpServletRequest req, HttpServletResponse resp, String allowed) {
        resp.setHeader("Allow", allowed);
        return new HttpError(405, req.getMethod() + " is not allowed here; use " + allowed);
    }
}
