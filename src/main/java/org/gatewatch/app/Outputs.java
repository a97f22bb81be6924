package org.gatewatch.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.RecordsConfig;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.journal.Backoff;
import org.gatewatch.events.journal.Journal;
import org.gatewatch.events.journal.JournalReader;
import org.gatewatch.metrics.AppMetrics;
import org.gatewatch.outputs.AuditLog;
import org.gatewatch.outputs.MqttPublisher;
import org.gatewatch.outputs.WebhookSender;
import org.gatewatch.outputs.audit.AuditTrail;
import org.gatewatch.outputs.audit.DecisionRecords;

/**
 * The event outputs: the audit trail (always), and the webhook and MQTT when the configuration asks for them, each
 * with its own reader of the journal; and the log line of each decision, a listener of the recorder.
 */
final class Outputs implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(Outputs.class);
    static final String AUDIT_READER = "audit";
    /** A full disk under the trail is retried soon, then every 10 s until there is room again. */
    private static final Backoff AUDIT_BACKOFF = new Backoff(250, 10_000);

    /** The outputs that own threads or connections, in the order started. */
    private final List<AutoCloseable> started = new ArrayList<>();
    private AuditTrail trail;

    private Outputs() {
    }

    /**
     * Starts them on {@code recorder}, their queues counted in {@code metrics}; one that fails to start closes those
     * started before it.
     */
    static Outputs start(RecordsConfig config, Recording recording, EventStore events, AppMetrics metrics,
                         Path dataDir) {
        Outputs outputs = new Outputs();
        Journal journal = recording.journal();
        try {
            outputs.trail = AuditTrail.open(dataDir, Clock.systemUTC());
            outputs.started.add(outputs.trail);
            JournalReader audit = new JournalReader(AUDIT_READER, journal, new DecisionRecords(outputs.trail, dataDir),
                    AUDIT_BACKOFF, UnaryOperator.identity()).start();
            outputs.started.add(audit);
            metrics.bindJournal(journal, Map.of("database", recording.storeReader(), "audit", audit));
            recording.recorder().addListener(new AuditLog());
            if (config.webhook().enabled()) {
                WebhookSender webhook = new WebhookSender(config.webhook(), journal, Clock.systemUTC());
                outputs.started.add(webhook);
                metrics.bindWebhook(webhook);
                LOG.info("Webhook on: {}", config.webhook().maskedUrls());
            }
            if (config.mqtt().enabled()) {
                MqttPublisher mqtt = new MqttPublisher(config.mqtt(), events, recording.storeReader(),
                        ZoneId.systemDefault(), journal).start();
                outputs.started.add(mqtt);
                metrics.bindMqtt(mqtt);
            }
            return outputs;
        } catch (RuntimeException e) {
            outputs.close();
            throw e;
        }
    }

    /** The audit trail, for the records of administrative changes and retention. */
    AuditTrail auditTrail() {
        return trail;
    }

    /** In reverse order of start; idempotent. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.error("Closing {} failed", started.get(i).getClass().getSimpleName(), e);
            }
        }
        started.clear();
    }
}
