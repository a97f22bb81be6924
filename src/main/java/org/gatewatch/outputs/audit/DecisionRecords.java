package org.gatewatch.outputs.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.journal.JournalDelivery;
import org.gatewatch.outputs.EventPayload;

/**
 * The journal's reader for the audit trail: each access event as a record of the trail, with the fields the webhook
 * sends, once. A decision the trail already holds (written just before a crash, so the reader's place was not
 * saved) is not written again.
 */
public final class DecisionRecords implements JournalDelivery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditTrail trail;
    private long lastRecorded;

    public DecisionRecords(AuditTrail trail, Path dataDir) {
        this.trail = trail;
        this.lastRecorded = lastDecisionIn(AuditFiles.folder(dataDir));
    }

    @Override
    public void deliver(AccessEvent e) throws IOException {
        if (e.id() <= lastRecorded) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", EventPayload.fields(e));
        fields.put("snapshotError", e.snapshotError());
        try {
            trail.append("decision", fields);
        } catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
        lastRecorded = e.id();
    }

    /** The id of the newest decision record, from the newest daily file that has one; 0 when none has. */
    static long lastDecisionIn(Path folder) {
        try {
            List<Path> days = AuditFiles.days(folder);
            for (int i = days.size() - 1; i >= 0; i--) {
                List<String> lines = Files.readAllLines(days.get(i));
                for (int j = lines.size() - 1; j >= 0; j--) {
                    long id = decisionId(lines.get(j));
                    if (id > 0) {
                        return id;
                    }
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit trail in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static long decisionId(String line) {
        if (!line.contains("\"type\":\"decision\"")) {
            return 0;
        }
        try {
            JsonNode event = JSON.readTree(line).path("event");
            return event.path("id").asLong(0);
        } catch (IOException e) {
            // A line cut short by a crash: the trail cuts it off when it opens; no decision to find in it.
            return 0;
        }
    }
}
