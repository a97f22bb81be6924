package org.gatewatch.outputs;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.gatewatch.config.MqttConfig;
import org.gatewatch.config.Secrets;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.journal.Backoff;
import org.gatewatch.events.journal.Journal;
import org.gatewatch.events.journal.JournalDelivery;
import org.gatewatch.events.journal.JournalReader;
import org.gatewatch.threads.OwnedThreads;

/**
 * Publishes each event to {@code <prefix>/<camera>/events} and today's totals of that camera to the retained
 * {@code <prefix>/<camera>/counts}, through the Eclipse Paho client, with a status topic and a last will
 * ({@link MqttSession}). Events come from the journal through a reader of their own ({@value #READER}): an event
 * counts as published once the broker acknowledged it (at QoS 1 or 2), and the reader moves on only then, so a
 * broker that is away or restarts, or a restart of GateWatch, loses none; the reader waits and tries again.
 */
public final class MqttPublisher implements JournalDelivery, AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(MqttPublisher.class);
    static final String READER = "mqtt";
    /** Messages Paho keeps while disconnected; the oldest go first. Only the counts wait there: events wait in
     * the journal. */
    static final int OFFLINE_BUFFER = 1000;
    /** How long an event may wait for the broker's acknowledgement before the try counts as failed. */
    private static final long ACK_TIMEOUT_MILLIS = 10_000;
    /** How long today's counts wait for the database to hold the event they count. */
    private static final long STORED_WAIT_MILLIS = 2_000;
    private static final Backoff BACKOFF = new Backoff(1000, 10_000);

    private final MqttConfig config;
    private final EventStore events;
    private final JournalReader stored;
    private final ZoneId zone;
    private final MqttAsyncClient client;
    private final ThreadPoolExecutor worker;
    private final OwnedThreads workerThreads = new OwnedThreads("gatewatch-mqtt-");
    private final AtomicLong published = new AtomicLong();
    private final Journal journal;
    private JournalReader reader;

    /**
     * @param stored the database's reader of the same journal: today's counts are read from the database, so each
     *               event's counts wait until its row is there
     */
    public MqttPublisher(MqttConfig config, EventStore events, JournalReader stored, ZoneId zone, Journal journal) {
        this.config = config;
        this.events = events;
        this.stored = stored;
        this.zone = zone;
        this.journal = journal;
        // Only the first connection's retries run here; Paho reconnects by itself after that.
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(4),
                workerThreads);
        try {
            client = new MqttAsyncClient(config.url(), config.clientId(), MqttSession.persistence());
        } catch (MqttException e) {
            throw new IllegalStateException("Cannot create the MQTT client for " + config.url() + ": " + e, e);
        }
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(OFFLINE_BUFFER);
        buffer.setDeleteOldestMessages(true);
        buffer.setPersistBuffer(false);
        client.setBufferOpts(buffer);
        client.setCallback(new StatusOnConnect());
    }

    /**
     * Connects in the background (a broker that is down now is retried by Paho once it was reached, else here) and
     * starts the journal reader.
     */
    public MqttPublisher start() {
        connect();
        reader = new JournalReader(READER, journal, this, BACKOFF, Secrets::maskUrl).start();
        return this;
    }

    private void connect() {
        MqttConnectOptions options = MqttSession.options(config, OFFLINE_BUFFER);
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.info("MQTT connected to {} as {}", Secrets.maskUrl(config.url()), config.clientId());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    // Paho's automatic reconnect covers only a connection that once succeeded: retry the first here.
                    LOG.warn("MQTT cannot connect to {}: {}; retrying in 10 s", Secrets.maskUrl(config.url()),
                            Secrets.maskUrl(e.toString()));
                    retryConnectLater();
                }
            });
        } catch (MqttException e) {
            LOG.warn("MQTT cannot connect to {}: {}; retrying in 10 s", Secrets.maskUrl(config.url()),
                    Secrets.maskUrl(e.toString()));
            retryConnectLater();
        }
    }

    private void retryConnectLater() {
        try {
            worker.execute(() -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (!client.isConnected()) {
                    connect();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("MQTT publisher stopped; no reconnect");
        }
    }

    /** The reader's thread: publishes one event and waits for the broker to take it. */
    @Override
    public void deliver(AccessEvent event) throws MqttException, IOException {
        if (!client.isConnected()) {
            throw new IOException("not connected to " + Secrets.maskUrl(config.url()));
        }
        String base = config.topicPrefix() + "/" + event.camera();
        client.publish(base + "/events", message(EventPayload.of(event), config.qos(), false))
                .waitForCompletion(ACK_TIMEOUT_MILLIS);
        published.incrementAndGet();
        publishCounts(base, event);
    }

    /**
     * Sends today's totals once the database holds {@code event}, and waits for the broker to take them, so the
     * retained message a late subscriber gets is the newest (the next event sends them again if this fails).
     */
    private void publishCounts(String base, AccessEvent event) {
        try {
            // While the database refuses, waiting would hold up every event behind this one.
            if (stored.lastError() != null || !stored.awaitDelivered(event.id(), STORED_WAIT_MILLIS)) {
                LOG.warn("MQTT: today's counts of camera {} not published: the database does not hold event {} yet",
                        event.camera(), event.id());
                return;
            }
            client.publish(base + "/counts", message(EventPayload.bytes(counts(event.camera())), 1, true))
                    .waitForCompletion(ACK_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("MQTT: today's counts of camera {} not published: stopping", event.camera());
        } catch (MqttException | RuntimeException e) {
            // The event itself is published; the totals are a convenience.
            LOG.warn("MQTT: today's counts of camera {} not published: {}", event.camera(), e.toString());
        }
    }

    private Map<String, Object> counts(String camera) {
        Instant midnight = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        Map<Decision, Long> counts = events.countsSince(midnight, camera);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("camera", camera);
        body.put("since", midnight.toString());
        long total = 0;
        for (Map.Entry<Decision, Long> e : counts.entrySet()) {
            body.put(e.getKey().name(), e.getValue());
            total += e.getValue();
        }
        body.put("total", total);
        body.put("updated", Instant.now().toString());
        return body;
    }

    private static MqttMessage message(byte[] payload, int qos, boolean retained) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retained);
        return m;
    }

    /** Says {@code online} on the status topic after every connection, the first and each reconnect. */
    private final class StatusOnConnect implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            try {
                MqttSession.publishStatus(client, config, MqttSession.ONLINE);
            } catch (MqttException e) {
                LOG.warn("MQTT: status not published: {}", e.toString());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("MQTT connection to {} lost: {}; reconnecting", Secrets.maskUrl(config.url()),
                    Secrets.maskUrl(String.valueOf(cause)));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // GateWatch subscribes to nothing.
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // The journal reader waits on each event's own token instead.
        }
    }

    public long published() {
        return published.get();
    }

    /**
     * Events given up: none while the journal holds them, since each is tried until the broker takes it. Failed
     * tries are counted on the status page (the journal's {@value #READER} reader).
     */
    public long dropped() {
        JournalReader r = reader;
        return r == null ? 0 : r.refused();
    }

    /** Events in the journal not yet published. */
    public long backlog() {
        JournalReader r = reader;
        return r == null ? 0 : r.behind();
    }

    /** Stops the publisher thread, then disconnects and closes Paho (its threads end with it). Idempotent. */
    @Override
    public void close() {
        if (worker.isShutdown()) {
            return;
        }
        long failedTries = 0;
        if (reader != null) {
            reader.close();
            failedTries = reader.failedTries();
        }
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS) || !workerThreads.joinAll(5_000)) {
                LOG.error("MQTT publisher thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                MqttSession.publishStatus(client, config, MqttSession.OFFLINE);
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.warn("MQTT disconnect from {} failed: {}", Secrets.maskUrl(config.url()), e.toString());
            try {
                client.disconnectForcibly(0, 1000);
            } catch (MqttException forced) {
                LOG.warn("MQTT forced disconnect failed: {}", forced.toString());
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("MQTT client close failed: {}", e.toString());
        }
        LOG.info("MQTT publisher stopped: {} published, {} failed tries, {} still to publish", published(), failedTries,
                backlog());
    }
}
