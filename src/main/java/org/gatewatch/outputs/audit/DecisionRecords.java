package org.gatewatch.outputs.audit;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.EventListener;

/** Each committed access decision as a record of the audit trail. */
public final class DecisionRecords implements EventListener {

    private static final Logger LOG = LogManager.getLogger(DecisionRecords.class);

    private final AuditTrail trail;

    public DecisionRecords(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void onEvent(AccessEvent e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", e.id());
        fields.put("camera", e.camera());
        fields.put("at", e.time().toString());
        fields.put("decision", e.decision().name());
        fields.put("person", e.personId());
        fields.put("name", e.personName());
        fields.put("score", e.score());
        fields.put("rule", e.rule());
        fields.put("track", e.trackId());
        fields.put("spoofScore", e.spoofScore());
        fields.put("snapshotError", e.snapshotError());
        try {
            trail.append("decision", fields);
        } catch (UncheckedIOException ex) {
            LOG.error("Access event {} is stored but not in the audit trail: {}", e.id(), ex.getMessage());
        }
    }
}
