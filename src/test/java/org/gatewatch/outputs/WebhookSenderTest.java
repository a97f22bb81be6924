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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.gatewatch.config.WebhookConfig;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.gatewatch.events.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook against a real HTTP receiver in this JVM that checks the signature as a site's receiver would, fed
 * from a real journal on disk.
 */
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

    private Path dir;
    private Journal journal;

    @BeforeEach
    void openJournal() throws IOException {
        dir = Files.createDirectories(Path.of("target", "it-work", "webhook-" + UUID.randomUUID()));
        journal = Journal.open(dir.resolve("journal"), 0);
    }

    private WebhookSender sender(List<URI> urls, int attempts, int retryMillis, int maxAgeHours) {
        sender = new WebhookSender(new WebhookConfig(urls, SECRET, 10, attempts, retryMillis, 2, maxAgeHours),
                journal, Clock.systemUTC());
        return sender;
    }

    private WebhookSender sender(URI url, int attempts, int retryMillis) {
        return sender(List.of(url), attempts, retryMillis, 24);
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        journal.close();
        if (server != null) {
            server.stop(0);
        }
    }

    /** Journals one event that happened {@code ago} before now; the sender's readers take it from there. */
    private AccessEvent record(Duration ago) {
        return journal.append(id -> new AccessEvent(id, "gate", Instant.now().minus(ago), Decision.GRANTED, 3L, "Ada",
                0.9, "face", 11L, "f.jpg", null, null, 0.04));
    }

    @Test
    void eachEventIsPostedOnceWithASignatureTheReceiverVerifies() throws Exception {
        WebhookSender s = sender(receiver(() -> 204, null), 3, 50);
        long id = record(Duration.ZERO).id();
        await().atMost(Duration.ofSeconds(5)).until(() -> s.delivered() == 1);
        assertEquals(1, received.size());
        Received r = received.get(0);
        assertTrue(r.signatureValid(), "HMAC-SHA256 of the fresh timestamp and the body with the shared secret, which"
                + " another timestamp does not match: " + r.signature());
        assertTrue(r.signature().matches("sha256=[0-9a-f]{64}"), r.signature());
        var json = new ObjectMapper().readTree(r.body());
        assertEquals(id, json.get("id").asLong());
        assertEquals("GRANTED", json.get("decision").asText());
        assertEquals("Ada", json.get("personName").asText());
        assertEquals(0.04, json.get("spoofScore").asDouble(), "the liveness score travels with the event");
    }

    @Test
    void aFailingReceiverIsRetriedWithGrowingDelays() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        WebhookSender s = sender(receiver(() -> calls.incrementAndGet() <= 2 ? 503 : 200, null), 5, 100);
        record(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> s.delivered() == 1);
        assertEquals(List.of(1, 2, 3), received.stream().map(Received::attempt).toList());
        long first = received.get(1).atMillis() - received.get(0).atMillis();
        long second = received.get(2).atMillis() - received.get(1).atMillis();
        assertTrue(first >= 90, "first retry after ~100 ms, was " + first);
        assertTrue(second >= 190, "second retry after ~200 ms (doubled), was " + second);
        assertTrue(received.stream().allMatch(Received::signatureValid));
    }

    @Test
    void anEventIsTriedUntilItIsOlderThanMaxAgeThenExpires() throws Exception {
        WebhookSender s = sender(List.of(receiver(() -> 500, null)), 2, 20, 1);
        // Three tenths of a second short of webhook.maxAgeHours = 1: tried a few times, then given up, counted.
        record(Duration.ofHours(1).minusMillis(300));
        // An expired event leaves the outbox: the reader moves past it.
        await().atMost(Duration.ofSeconds(5)).until(() -> s.failed() == 1 && s.backlog() == 0);
        assertTrue(received.size() >= 2, "tried until it expired: " + received.size() + " tries");
        assertEquals(0, s.delivered());
    }

    @Test
    void aDeadReceiverHoldsBackOnlyItsOwnUrl() throws Exception {
        URI good = receiver(() -> 200, null);
        URI dead = URI.create("http://127.0.0.1:" + freePort() + "/nobody-listens");
        WebhookSender s = sender(List.of(dead, good), 5, 50, 24);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            record(Duration.ZERO);
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 1000, "recording never waits on a receiver: " + tookMillis + " ms");
        await().atMost(Duration.ofSeconds(5)).until(() -> s.delivered() == 10);
        assertEquals(10, received.size(), "the live receiver got every event while the other was down");
        assertEquals(10, s.backlog(), "the dead receiver's ten wait in its outbox");
    }

    @Test
    void aRestartResumesEachUrlWhereItStoppedAndSendsNothingTwice() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        URI url = receiver(status::get, null);
        WebhookSender first = sender(url, 3, 50);
        record(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
        first.close();
        for (int i = 0; i < 2; i++) {
            record(Duration.ZERO);
        }
        journal.close();
        received.clear();
        status.set(200);

        journal = Journal.open(dir.resolve("journal"), 0);
        WebhookSender again = sender(url, 3, 50);
        await().atMost(Duration.ofSeconds(5)).until(() -> again.delivered() == 3);
        assertEquals(List.of(1L, 2L, 3L), ids(), "the three events, once each, in order, after the restart");
        record(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> again.delivered() == 4);
        assertEquals(List.of(1L, 2L, 3L, 4L), ids());
    }

    private List<Long> ids() throws IOException {
        List<Long> ids = new java.util.ArrayList<>();
        for (Received r : received) {
            ids.add(new ObjectMapper().readTree(r.body()).get("id").asLong());
        }
        return ids;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
