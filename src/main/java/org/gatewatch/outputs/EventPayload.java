package org.gatewatch.outputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gatewatch.events.AccessEvent;

/**
 * The JSON body of an event as the webhook and MQTT send it and the audit trail keeps it (the same fields as
 * GET /api/events/{id}).
 */
public final class EventPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventPayload() {
    }

    static byte[] of(AccessEvent e) {
        return bytes(fields(e));
    }

    /** The fields, in their order. */
    public static Map<String, Object> fields(AccessEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("camera", e.camera());
        m.put("time", e.time().toString());
        m.put("decision", e.decision().name());
        m.put("personId", e.personId());
        m.put("personName", e.personName());
        m.put("score", e.score());
        m.put("rule", e.rule());
        m.put("trackId", e.trackId());
        m.put("hasFrame", e.frameFile() != null);
        m.put("hasFace", e.faceFile() != null);
        m.put("spoofScore", e.spoofScore());
        return m;
    }

    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise " + value, ex);
        }
    }
}
