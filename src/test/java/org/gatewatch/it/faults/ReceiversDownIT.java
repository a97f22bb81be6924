package org.gatewatch.it.faults;

import static org.gatewatch.it.faults.RecordChecks.await;
import static org.gatewatch.it.faults.RecordChecks.journaledIds;
import static org.gatewatch.it.faults.RecordChecks.receivedIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatewatch.it.TestPaths;
import org.gatewatch.it.tomcat.RealTomcat;
import org.gatewatch.outputs.MosquittoBroker;
import org.junit.jupiter.api.Test;

/**
 * The door's receivers away while the gate decides, on the real WAR in a real Tomcat: the webhook's receiver down
 * (503) for 20 s ({@code -Dgatewatch.it.receiverDownSeconds}; {@code bin/gatewatch fault-outages} gives it 60) and the
 * MQTT broker restarted meanwhile. Afterwards every decision the journal holds has reached both, signed, and the
 * MQTT subscriber (a persistent session, QoS 1) got each id once.
 */
class ReceiversDownIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "receivers-test-secret-01";
    private static final Duration DOWN = Duration.ofSeconds(Long.getLong("gatewatch.it.receiverDownSeconds", 20));
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void everyDecisionReachesTheWebhookAndMqttOnceEachAfterTheyWereAway() throws Exception {
        Path work = Files.createDirectories(TestPaths.workRoot().resolve("it-receivers-setup"));
        MosquittoBroker broker = MosquittoBroker.start(work.resolve("mosquitto"));
        Map<Long, Integer> mqtt = new ConcurrentHashMap<>();
        MqttClient subscriber = new MqttClient(broker.url(), "door-controller", new MemoryPersistence());
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            subscriber.connect(persistentSession());
            subscriber.subscribe("gw-faults/+/events", 1,
                    (topic, m) -> {
                        long id = JSON.readTree(m.getPayload()).get("id").asLong();
                        // A message the broker sends again, flagged, for want of this subscriber's acknowledgement
                        // before it disconnected: the subscriber's side of at least once, not GateWatch's.
                        if (!m.isDuplicate() || !mqtt.containsKey(id)) {
                            mqtt.merge(id, 1, Integer::sum);
                        }
                    });
            RealTomcat tomcat = RealTomcat.startDropIn("it-receivers", config(work, receiver.url(), broker.url()));
            try {
                await(() -> receiver.accepted().size() >= 1 && !mqtt.isEmpty(), "a first decision at both receivers",
                        tomcat, WAIT);

                receiver.down();
                long downAt = System.nanoTime();
                subscriber.disconnect();
                broker = broker.restart();
                subscriber.connect(persistentSession());
                long left = DOWN.toMillis() - (System.nanoTime() - downAt) / 1_000_000;
                if (left > 0) {
                    Thread.sleep(left);
                }
                receiver.up();
                Set<Long> journaled = journaledIds(tomcat.dataDir());
                System.out.printf("%s: %d decisions journaled by the end of the %d s outage%n", tomcat,
                        journaled.size(), DOWN.toSeconds());

                await(() -> receivedIds(receiver).containsAll(journaled), "every decision at the webhook's receiver",
                        tomcat, WAIT);
                await(() -> mqtt.keySet().containsAll(journaled), "every decision at the MQTT subscriber", tomcat,
                        WAIT);
                assertTrue(receiver.posts().stream().allMatch(WebhookReceiver.Post::trusted),
                        "every POST signed over a fresh timestamp and the body");
                Map<Long, Integer> twice = new TreeMap<>(mqtt);
                twice.values().removeIf(n -> n == 1);
                System.out.printf("%s: all at both; the webhook repeated %d POST(s) of an id the receiver had taken;"
                        + " MQTT ids seen twice: %s%n", tomcat, receiver.accepted().size() - receivedIds(receiver).size(),
                        twice);
                assertEquals(Map.of(), twice, "each event once to the MQTT subscriber");
            } finally {
                tomcat.stop();
            }
        } finally {
            if (subscriber.isConnected()) {
                subscriber.disconnect();
            }
            subscriber.close();
            broker.close();
        }
    }

    private static MqttConnectOptions persistentSession() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        return o;
    }

    private static Path config(Path work, String webhook, String broker) throws IOException {
        return Files.writeString(work.resolve("gatewatch.properties"), String.join("\n",
                "cameras = gate",
                "camera.gate.source = demo",
                "camera.gate.analysis = gate",
                "webhook.urls = " + webhook,
                "webhook.secret = " + SECRET,
                "webhook.retryBaseMillis = 200",
                "webhook.maxAttempts = 4",
                "mqtt.url = " + broker,
                "mqtt.topicPrefix = gw-faults",
                ""));
    }

}
