package org.gatewatch.events.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;

/**
 * One decision as a line of the journal: a JSON object whose first field is the id, so a reader looking for an id
 * need not parse the lines before it.
 */
final class JournalLine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ID_PREFIX = "{\"id\":".getBytes(StandardCharsets.US_ASCII);

    private JournalLine() {
    }

    /** The line of {@code e}, newline included. */
    static byte[] write(AccessEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", e.id());
        n.put("camera", e.camera());
        n.put("time", e.time().toString());
        n.put("decision", e.decision().name());
        n.put("personId", e.personId());
        n.put("personName", e.personName());
        n.put("score", e.score());
        n.put("rule", e.rule());
        n.put("trackId", e.trackId());
        n.put("frameFile", e.frameFile());
        n.put("faceFile", e.faceFile());
        n.put("snapshotError", e.snapshotError());
        n.put("spoofScore", e.spoofScore());
        return (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The event of one line (without its newline). */
    static AccessEvent read(byte[] line, int from, int length) throws IOException {
        JsonNode n = JSON.readTree(line, from, length);
        if (n == null || !n.has("id") || !n.has("decision")) {
            throw new IOException("not a journal line");
        }
        try {
            return new AccessEvent(n.get("id").asLong(), text(n, "camera"), Instant.parse(text(n, "time")),
                    Decision.valueOf(text(n, "decision")), longOrNull(n, "personId"), text(n, "personName"),
                    doubleOrNull(n, "score"), text(n, "rule"), longOrNull(n, "trackId"), text(n, "frameFile"),
                    text(n, "faceFile"), text(n, "snapshotError"), doubleOrNull(n, "spoofScore"));
        } catch (RuntimeException e) {
            throw new IOException("a journal line that does not hold a decision: " + e.getMessage(), e);
        }
    }

    /** The id at the start of a line, or -1 when the line does not start like one of ours. */
    static long idOf(byte[] line, int from, int length) {
        if (length <= ID_PREFIX.length) {
            return -1;
        }
        for (int i = 0; i < ID_PREFIX.length; i++) {
            if (line[from + i] != ID_PREFIX[i]) {
                return -1;
            }
        }
        long id = 0;
        int digits = 0;
        for (int i = from + ID_PREFIX.length; i < from + length && line[i] >= '0' && line[i] <= '9'; i++) {
            id = id * 10 + (line[i] - '0');
            digits++;
        }
        return digits == 0 ? -1 : id;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static Double doubleOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }
}
