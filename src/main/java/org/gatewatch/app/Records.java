package org.gatewatch.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.RecordsConfig;
import org.gatewatch.db.Database;
import org.gatewatch.db.JdbcDrivers;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.Retention;
import org.gatewatch.events.SnapshotStore;
import org.gatewatch.outputs.AuditLog;
import org.gatewatch.outputs.MqttPublisher;
import org.gatewatch.outputs.WebhookSender;
import org.gatewatch.people.FaceStore;
import org.gatewatch.people.People;
import org.gatewatch.people.PersonStore;
import org.gatewatch.threads.OwnedThreads;

/**
 * The gate's memory assembled on one database: people and their faces, access events and their snapshots.
 * The application listener opens it at start (migrating the schema) and closes it at stop; the web layer reaches it
 * through the ServletContext attribute {@link #ATTRIBUTE}.
 */
public final class Records implements AutoCloseable {

    public static final String ATTRIBUTE = Records.class.getName();

    private static final Logger LOG = LogManager.getLogger(Records.class);

    private final Database database;
    private final People people;
    private final EventStore events;
    private final SnapshotStore snapshots;
    private final EventRecorder recorder;
    /** The outputs started by {@link #startOutputs}, closed in reverse by {@link #close}. */
    private final List<AutoCloseable> outputs = new ArrayList<>();
    private ScheduledExecutorService retention;
    private final OwnedThreads retentionThreads = new OwnedThreads("gatewatch-retention-");

    private Records(Database database, Path dataDir, Clock clock) {
        this.database = database;
        this.people = new People(new PersonStore(database.dataSource()),
                new FaceStore(database.dataSource(), dataDir.resolve("faces")), clock);
        this.events = new EventStore(database.dataSource());
        this.snapshots = new SnapshotStore(dataDir.resolve("snapshots"));
        this.recorder = new EventRecorder(events, snapshots);
    }

    /**
     * Opens the site's database (JNDI) or the embedded one in {@code dataDir}, migrates it, and starts the outputs
     * (audit log, webhook, MQTT) and the hourly retention task.
     */
    public static Records open(Path dataDir, RecordsConfig config) {
        Database database = Database.open(dataDir);
        Records records;
        try {
            database.migrate();
            records = on(database, dataDir, Clock.systemUTC());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        try {
            records.startOutputs(config);
            records.startRetention(Duration.ofDays(config.retentionDays()));
        } catch (RuntimeException e) {
            records.close();
            throw e;
        }
        return records;
    }

    private void startOutputs(RecordsConfig config) {
        recorder.addListener(new AuditLog());
        if (config.webhook().enabled()) {
            WebhookSender webhook = new WebhookSender(config.webhook());
            outputs.add(webhook);
            recorder.addListener(webhook);
            LOG.info("Webhook on: {}", config.webhook().urls());
        }
        if (config.mqtt().enabled()) {
            MqttPublisher mqtt = new MqttPublisher(config.mqtt(), events, ZoneId.systemDefault()).start();
            outputs.add(mqtt);
            recorder.addListener(mqtt);
        }
    }

    /** A minute after start (not during it), then hourly. */
    private void startRetention(Duration keep) {
        Retention task = new Retention(events, snapshots, keep, Clock.systemUTC());
        retention = Executors.newSingleThreadScheduledExecutor(retentionThreads);
        retention.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Retention pass failed; the next runs in an hour", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    /** Records on an already migrated database (tests, benchmark). */
    public static Records on(Database database, Path dataDir, Clock clock) {
        return new Records(database, dataDir, clock);
    }

    public People people() {
        return people;
    }

    public EventStore events() {
        return events;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    public EventRecorder recorder() {
        return recorder;
    }

    public Database database() {
        return database;
    }

    /** Closes the pool and releases the JDBC drivers our class loader registered. Idempotent. */
    @Override
    public void close() {
        if (retention != null) {
            retention.shutdownNow();
            try {
                if (!retention.awaitTermination(10, TimeUnit.SECONDS) || !retentionThreads.joinAll(5_000)) {
                    LOG.error("Retention task did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            retention = null;
        }
        for (int i = outputs.size() - 1; i >= 0; i--) {
            try {
                outputs.get(i).close();
            } catch (Exception e) {
                LOG.error("Closing {} failed", outputs.get(i).getClass().getSimpleName(), e);
            }
        }
        outputs.clear();
        database.close();
        JdbcDrivers.deregisterLoadedBy(Records.class.getClassLoader());
        LOG.info("Records closed");
    }
}
