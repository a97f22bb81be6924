package org.gatewatch.outputs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.gatewatch.config.WebhookConfig;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook against a real HTTP receiver in this JVM that checks the signature as a site's receiver would. */
class WebhookSenderTest {

    private static final String SECRET = "test-secret-0123456789";

    /** What the receiver saw of one request. */
    record Received(String signature, boolean signatureValid, int attempt, long atMillis, byte[] body) {
    }

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private WebhookSender sender;

    private URI receiver(IntSupplier status, CountDownLatch holdFirst) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/hook", (HttpExchange ex) -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String signature = ex.getRequestHeaders().getFirst(HmacSignature.HEADER);
            long timestamp = Long.parseLong(ex.getRequestHeaders().getFirst(HmacSignature.TIMESTAMP_HEADER));
            boolean fresh = Math.abs(System.currentTimeMillis() / 1000 - timestamp) <= 300;
            boolean valid = fresh && HmacSignature.of(SECRET, timestamp, body).equals(signature)
                    && HmacSignature.of(SECRET, body).equals(ex.getRequestHeaders().getFirst(HmacSignature.BODY_HEADER))
                    && !HmacSignature.of(SECRET, timestamp - 600, body).equals(signature);
            received.add(new Received(signature, valid,
                    Integer.parseInt(ex.getRequestHeaders().getFirst("X-GateWatch-Attempt")), System.currentTimeMillis(),
                    body));
            if (holdFirst != null) {
                try {
                    holdFirst.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.sendResponseHeaders(status.getAsInt(), -1);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private WebhookSender sender(URI url, int queue, int attempts, int retryMillis) {
        sender = new WebhookSender(new WebhookConfig(List.of(url), SECRET, queue, attempts, retryMillis, 2));
        return sender;
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static AccessEvent event(long id) {
        return new AccessEvent(id, "gate", Instant.parse("2026-03-02T08:00:00Z"), Decision.GRANTED, 3L, "Ada", 0.9,
                "face", 11L, "f.jpg", null, null, 0.04);
    }

    @Test
    void eachEventIsPostedOnceWithASignatureTheReceiverVerifies() throws Exception {
        WebhookSender s = sender(receiver(() -> 204, null), 10, 3, 50);
        s.onEvent(event(41));
        await().atMost(Duration.ofSeconds(5)).until(() -> s.delivered() == 1);
        assertEquals(1, received.size());
        Received r = received.get(0);
        assertTrue(r.signatureValid(), "HMAC-SHA256 of the fresh timestamp and the body with the shared secret, which"
                + " another timestamp does not match: " + r.signature());
        assertTrue(r.signature().matches("sha256=[0-9a-f]{64}"), r.signature());
        var json = new ObjectMapper().readTree(r.body());
        assertEquals(41, json.get("id").asLong());
        assertEquals("GRANTED", json.get("decision").asText());
        assertEquals("Ada", json.get("personName").asText());
        assertEquals(0.04, json.get("spoofScore").asDouble(), "the liveness score travels with the event");
    }

    @Test
    void aFailingReceiverIsRetriedWithGrowingDelays() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        WebhookSender s = sender(receiver(() -> calls.incrementAndGet() <= 2 ? 503 : 200, null), 10, 5, 100);
        s.onEvent(event(7));
        await().atMost(Duration.ofSeconds(5)).until(() -> s.delivered() == 1);
        assertEquals(List.of(1, 2, 3), received.stream().map(Received::attempt).toList());
        long first = received.get(1).atMillis() - received.get(0).atMillis();
        long second = received.get(2).atMillis() - received.get(1).atMillis();
        assertTrue(first >= 90, "first retry after ~100 ms, was " + first);
        assertTrue(second >= 190, "second retry after ~200 ms (doubled), was " + second);
        assertTrue(received.stream().allMatch(Received::signatureValid));
    }

    @Test
    void itGivesUpAfterMaxAttempts() throws Exception {
        WebhookSender s = sender(receiver(() -> 500, null), 10, 2, 20);
        s.onEvent(event(8));
        await().atMost(Duration.ofSeconds(5)).until(() -> s.failed() == 1);
        assertEquals(2, received.size());
        assertEquals(0, s.delivered());
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlockingTheCaller() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        WebhookSender s = sender(receiver(() -> 200, hold), 2, 1, 20);
        long start = System.nanoTime();
        for (int i = 1; i <= 10; i++) {
            s.onEvent(event(i));
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 1000, "recording never waits on the receiver: " + tookMillis + " ms");
        assertEquals(8, s.dropped(), "two fit (one in flight, one waiting); eight are dropped");
        hold.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> s.delivered() == 2);
    }
}
