package org.gatewatch.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatewatch.config.MqttConfig;
import org.gatewatch.db.Database;
import org.gatewatch.db.TestDatabases;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.NewEvent;
import org.gatewatch.events.StoredRecording;
import org.junit.jupiter.api.Test;

/**
 * Events through the recorder and the journal to a real Mosquitto, read back by a Paho subscriber as a site's system
 * would.
 */
class MqttPublisherIT {

    /** A topic message as received. */
    record Received(String topic, MqttMessage message) {
    }

    @Test
    void eventsArePublishedAndTodaysCountsAreRetained() throws Exception {
        Path work = TestDatabases.WORK.resolve("mqtt-" + UUID.randomUUID());
        try (MosquittoBroker broker = MosquittoBroker.start(work);
             Database db = TestDatabases.fresh(TestDatabases.Engine.H2);
             StoredRecording recording = new StoredRecording(work, db.dataSource())) {
            EventStore store = new EventStore(db.dataSource());
            EventRecorder recorder = recording.recorder();
            BlockingQueue<Received> events = new LinkedBlockingQueue<>();
            MqttClient subscriber = subscriber(broker, "gw-test-sub", true);
            subscriber.subscribe("gw-it/+/events", 1, (topic, m) -> events.add(new Received(topic, m)));

            try (MqttPublisher publisher = new MqttPublisher(
                    new MqttConfig(broker.url(), "gw-test-pub", "", "", "gw-it", 1), store,
                    recording.storeReader(), ZoneOffset.UTC, recording.journal()).start()) {
                AccessEvent granted = recording.record(new NewEvent("north", Instant.now(), Decision.GRANTED, null, "Ada",
                        0.9, "face", 3L, null, null));
                Received r = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(r, "no event message within 10 s; broker log: " + broker.log());
                while (!r.topic().equals("gw-it/north/events") || !json(r.message()).get("id").asText()
                        .equals(Long.toString(granted.id()))) {
                    r = events.poll(10, TimeUnit.SECONDS);
                    assertNotNull(r);
                }
                assertFalse(r.message().isRetained());
                assertEquals(1, r.message().getQos());
                assertEquals("GRANTED", json(r.message()).get("decision").asText());
                recording.record(new NewEvent("north", Instant.now(), Decision.DENIED, null, null, null, null, 4L,
                        null, null));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (publisher.published() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(2, publisher.published(), "each event published once");
            }
            subscriber.disconnect();
            subscriber.close();

            // A system that connects later still gets today's totals at once: the counts message is retained.
            BlockingQueue<Received> counts = new LinkedBlockingQueue<>();
            MqttClient late = subscriber(broker, "gw-test-late", true);
            late.subscribe("gw-it/north/counts", 1, (topic, m) -> counts.add(new Received(topic, m)));
            Received c = counts.poll(10, TimeUnit.SECONDS);
            assertNotNull(c, "no retained counts message");
            assertTrue(c.message().isRetained());
            JsonNode body = json(c.message());
            assertEquals("north", body.get("camera").asText());
            assertEquals(1, body.get("GRANTED").asInt());
            assertEquals(1, body.get("DENIED").asInt());
            assertEquals(2, body.get("total").asInt());
            late.disconnect();
            late.close();
        }
    }

    /**
     * The counts are read from the database, which may be behind the journal: here a real PostgreSQL transaction
     * keeps the event table locked while the event itself goes out. The retained counts still include it.
     */
    @Test
    void theCountsWaitForTheDatabaseToHoldTheEvent() throws Exception {
        Path work = TestDatabases.WORK.resolve("mqtt-" + UUID.randomUUID());
        try (MosquittoBroker broker = MosquittoBroker.start(work);
             Database db = TestDatabases.fresh(TestDatabases.Engine.POSTGRESQL);
             StoredRecording recording = new StoredRecording(work, db.dataSource())) {
            BlockingQueue<Received> events = new LinkedBlockingQueue<>();
            MqttClient subscriber = subscriber(broker, "gw-test-slow-db", true);
            subscriber.subscribe("gw-it/slow/events", 1, (topic, m) -> events.add(new Received(topic, m)));
            try (MqttPublisher publisher = new MqttPublisher(
                    new MqttConfig(broker.url(), "gw-test-pub-slow", "", "", "gw-it", 1),
                    new EventStore(db.dataSource()), recording.storeReader(), ZoneOffset.UTC,
                    recording.journal()).start();
                 java.sql.Connection locker = db.dataSource().getConnection()) {
                locker.setAutoCommit(false);
                try (java.sql.Statement s = locker.createStatement()) {
                    s.execute("LOCK TABLE access_event IN EXCLUSIVE MODE");
                }
                long id = recording.recorder().record(new NewEvent("slow", Instant.now(), Decision.GRANTED, null,
                        "Ada", 0.9, "face", 5L, null, null)).id();
                Received r = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(r, "the event goes out while the database is locked; broker log: " + broker.log());
                assertEquals(id, json(r.message()).get("id").asLong());
                Thread.sleep(500);
                locker.commit();
                recording.awaitStored();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (publisher.backlog() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            subscriber.disconnect();
            subscriber.close();

            MqttClient late = subscriber(broker, "gw-test-slow-late", true);
            BlockingQueue<Received> counts = new LinkedBlockingQueue<>();
            late.subscribe("gw-it/slow/counts", 1, (topic, m) -> counts.add(new Received(topic, m)));
            Received c = counts.poll(10, TimeUnit.SECONDS);
            assertNotNull(c, "no retained counts message");
            assertEquals(1, json(c.message()).get("GRANTED").asInt(), "counts: " + json(c.message()));
            late.disconnect();
            late.close();
        }
    }

    /**
     * Subscribers see the status topic say online while GateWatch is connected and offline once it stops; when the
     * connection dies without a goodbye, the broker says offline itself (the last will).
     */
    @Test
    void theStatusTopicSaysOnlineAndOfflineAndTheBrokerSaysOfflineWhenTheConnectionDies() throws Exception {
        Path work = TestDatabases.WORK.resolve("mqtt-" + UUID.randomUUID());
        try (MosquittoBroker broker = MosquittoBroker.start(work);
             Database db = TestDatabases.fresh(TestDatabases.Engine.H2)) {
            MqttConfig config = new MqttConfig(broker.url(), "gw-status", "", "", "gw-it", 1);
            BlockingQueue<String> status = new LinkedBlockingQueue<>();
            MqttClient subscriber = subscriber(broker, "gw-test-status", true);
            subscriber.subscribe("gw-it/gw-status/status", 1, (topic, m) -> status.add(new String(m.getPayload(),
                    java.nio.charset.StandardCharsets.UTF_8)));
            try (StoredRecording recording = new StoredRecording(work, db.dataSource());
                 MqttPublisher publisher = new MqttPublisher(config, new EventStore(db.dataSource()),
                         recording.storeReader(), ZoneOffset.UTC, recording.journal()).start()) {
                assertEquals("online", status.poll(15, TimeUnit.SECONDS), "broker log: " + broker.log());
            }
            assertEquals("offline", status.poll(10, TimeUnit.SECONDS), "an orderly stop says offline");

            org.eclipse.paho.client.mqttv3.MqttAsyncClient crashing = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(
                    broker.url(), config.clientId(), new MemoryPersistence());
            crashing.connect(MqttSession.options(config, 10)).waitForCompletion(10_000);
            MqttSession.publishStatus(crashing, config, MqttSession.ONLINE);
            assertEquals("online", status.poll(10, TimeUnit.SECONDS));
            crashing.disconnectForcibly(0, 1000, false);
            assertEquals("offline", status.poll(10, TimeUnit.SECONDS), "the broker's last will, no goodbye sent");
            crashing.close(true);
            subscriber.disconnect();
            subscriber.close();
        }
    }

    /**
     * The broker restarted while decisions are made: what was recorded while it was away is published once it is
     * back, once each, to a subscriber whose session the broker kept (QoS 1, no clean session).
     */
    @Test
    void eventsRecordedWhileTheBrokerIsAwayArriveOnceEachAfterItRestarts() throws Exception {
        Path work = TestDatabases.WORK.resolve("mqtt-" + UUID.randomUUID());
        MosquittoBroker broker = MosquittoBroker.start(work);
        try (Database db = TestDatabases.fresh(TestDatabases.Engine.H2);
             StoredRecording recording = new StoredRecording(work, db.dataSource())) {
            BlockingQueue<Long> ids = new LinkedBlockingQueue<>();
            MqttClient subscriber = subscriber(broker, "gw-test-durable", false);
            java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            subscriber.subscribe("gw-it/+/events", 1, (topic, m) -> {
                long id = json(m).get("id").asLong();
                // The broker sends a message again, flagged as such, when it has not seen this subscriber's own
                // acknowledgement (it was disconnected right after): the subscriber's side of at least once.
                if (seen.add(id) || !m.isDuplicate()) {
                    ids.add(id);
                }
            });
            try (MqttPublisher publisher = new MqttPublisher(
                    new MqttConfig(broker.url(), "gw-test-pub-restart", "", "", "gw-it", 1),
                    new EventStore(db.dataSource()), recording.storeReader(), ZoneOffset.UTC,
                    recording.journal()).start()) {
                long first = recording.record(event("door")).id();
                assertEquals(first, ids.poll(15, TimeUnit.SECONDS), "broker log: " + broker.log());
                // The subscriber can have it before the publisher has the broker's acknowledgement; a broker stopped
                // in between gets it again after its restart (QoS 1 is at least once), which is not this test's case.
                long acked = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (publisher.published() < 1 && System.nanoTime() < acked) {
                    Thread.sleep(10);
                }
                assertEquals(1, publisher.published(), "the broker acknowledged the first event");

                subscriber.disconnect();
                broker.close();
                List<Long> whileAway = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    whileAway.add(recording.record(event("door")).id());
                }
                broker = broker.restart();
                subscriber.connect(options(false));
                List<Long> got = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Long id = ids.poll(30, TimeUnit.SECONDS);
                    assertNotNull(id, "only " + got + " of " + whileAway + " arrived; broker log: " + broker.log());
                    got.add(id);
                }
                assertEquals(whileAway, got, "every event recorded while the broker was away, in order");
                assertNull(ids.poll(2, TimeUnit.SECONDS), "nothing twice");
                assertEquals(4, publisher.published());
            }
            subscriber.disconnect();
            subscriber.close();
        } finally {
            broker.close();
        }
    }

    private static NewEvent event(String camera) {
        return new NewEvent(camera, Instant.now(), Decision.PASSAGE, null, null, null, null, null, null, null);
    }

    private static MqttClient subscriber(MosquittoBroker broker, String id, boolean cleanSession) throws Exception {
        MqttClient c = new MqttClient(broker.url(), id, new MemoryPersistence());
        c.connect(options(cleanSession));
        return c;
    }

    private static MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(cleanSession);
        return o;
    }

    private static JsonNode json(MqttMessage m) throws java.io.IOException {
        return new ObjectMapper().readTree(m.getPayload());
    }
}
