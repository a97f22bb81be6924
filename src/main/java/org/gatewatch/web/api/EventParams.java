package org.gatewatch.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.gatewatch.events.Decision;
import org.gatewatch.events.EventFilter;
import org.gatewatch.http.HttpError;

/**
 * The event filter of a request, shared by the API, the CSV export and the events page:
 * {@code camera}, {@code decision} (GRANTED, DENIED, PASSAGE, CAMERA_DOWN, CAMERA_UP, ANALYSIS_DOWN), {@code kind}
 * ({@code people}: decisions about people only; {@code camera}: a camera's sight and analysis only), {@code person}
 * (an id), {@code from} and {@code to}.
 * Times are ISO-8601 instants ({@code 2026-03-02T08:00:00Z}), with an offset, or local to the server's zone as an
 * HTML form sends them ({@code 2026-03-02T08:00}, or a date alone for its midnight). Bad values are a 400.
 */
public final class EventParams {

    private EventParams() {
    }

    public static EventFilter filter(HttpServletRequest req, ZoneId zone) {
        return new EventFilter(text(req, "camera"), decision(text(req, "decision")), person(text(req, "person")),
                time(req, "from", zone), time(req, "to", zone), aboutCamera(text(req, "kind")));
    }

    private static Boolean aboutCamera(String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "people" -> false;
            case "camera" -> true;
            default -> throw new HttpError(400, "kind must be people or camera, not '" + kind + "'", "kind");
        };
    }

    private static String text(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Decision decision(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Decision.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "decision must be one of " + Arrays.toString(Decision.values())
                    + ", not '" + v + "'", "decision");
        }
    }

    private static Long person(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new HttpError(400, "person must be a person id, not '" + v + "'", "person");
        }
    }

    static Instant time(HttpServletRequest req, String name, ZoneId zone) {
        String v = text(req, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(v).atZone(zone).toInstant();
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(v).atStartOfDay(zone).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new HttpError(400, name + " must be a time like 2026-03-02T08:00:00Z or 2026-03-02T08:00,"
                                + " not '" + v + "'", name);
                    }
                }
            }
        }
    }
}
