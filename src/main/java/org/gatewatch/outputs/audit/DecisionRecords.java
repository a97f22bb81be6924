package org.gatewatch.outputs.audit;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.EventListener;
import org.gatewatch.outputs.EventPayload;

/** Each committed access event as a record of the audit trail, with the fields the webhook sends. */
public final class DecisionRecords implements EventListener {

    private static final Logger LOG = LogManager.getLogger(DecisionRecords.class);

    private final AuditTrail trail;

    public DecisionRecords(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void onEvent(AccessEvent e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", EventPayload.fields(e));
        fields.put("snapshotError", e.snapshotError());
        try {
            trail.append("decision", fields);
        } catch (UncheckedIOException ex) {
            LOG.error("Access event {} is stored but not in the audit trail: {}", e.id(), ex.getMessage());
        }
    }
}
