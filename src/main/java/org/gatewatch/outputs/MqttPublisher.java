package org.gatewatch.outputs;

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
import org.gatewatch.events.EventListener;
import org.gatewatch.events.EventStore;
import org.gatewatch.threads.OwnedThreads;

/**
 * Publishes each event to {@code <prefix>/<camera>/events} and today's totals of that camera to the retained
 * {@code <prefix>/<camera>/counts}, through the Eclipse Paho client. The recorder's thread only queues the work
 * (bounded; overflow is dropped, counted and logged); one publisher thread reads the counts and hands messages to
 * Paho, which reconnects by itself and buffers while the broker is away, at QoS {@code mqtt.qos}, with a status
 * topic and a last will ({@link MqttSession}).
 */
public final class MqttPublisher implements EventListener, AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(MqttPublisher.class);
    static final int QUEUE = 1000;
    /** Messages Paho keeps while disconnected; the oldest go first. */
    static final int OFFLINE_BUFFER = 1000;

    private final MqttConfig config;
    private final EventStore events;
    private final ZoneId zone;
    private final MqttAsyncClient client;
    private final ThreadPoolExecutor worker;
    private final OwnedThreads workerThreads = new OwnedThreads("gatewatch-mqtt-");
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public MqttPublisher(MqttConfig config, EventStore events, ZoneId zone) {
        this.config = config;
        this.events = events;
        this.zone = zone;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
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

    /** Connects in the background; a broker that is down now is retried by Paho once it was reached, else here. */
    public MqttPublisher start() {
        connect();
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

    /** Invoked on the recorder's thread: queue the publication, or drop it when the queue is full. */
    @Override
    public void onEvent(AccessEvent event) {
        try {
            worker.execute(() -> publish(event));
        } catch (RejectedExecutionException e) {
            long n = dropped.incrementAndGet();
            LOG.warn("MQTT: event {} dropped, the queue of {} is full ({} dropped so far)", event.id(), QUEUE, n);
        }
    }

    /** Publisher thread. */
    private void publish(AccessEvent event) {
        String base = config.topicPrefix() + "/" + event.camera();
        try {
            client.publish(base + "/events", message(EventPayload.of(event), config.qos(), false));
            client.publish(base + "/counts", message(EventPayload.bytes(counts(event.camera())), 1, true));
            published.incrementAndGet();
        } catch (MqttException e) {
            long n = dropped.incrementAndGet();
            LOG.warn("MQTT: event {} not published to {}: {} ({} dropped so far)", event.id(), base, e.toString(), n);
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
            // Counted when handed to Paho; the persistent session resends what the broker did not acknowledge.
        }
    }

    public long published() {
        return published.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Events queued for the publisher thread now (at most 1000). */
    public long backlog() {
        return worker.getQueue().size();
    }

    /** Stops the publisher thread, then disconnects and closes Paho (its threads end with it). Idempotent. */
    @Override
    public void close() {
        if (worker.isShutdown()) {
            return;
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
        LOG.info("MQTT publisher stopped: {} published, {} dropped", published(), dropped());
    }
}
