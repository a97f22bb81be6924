package org.gatewatch.outputs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.Secrets;
import org.gatewatch.config.WebhookConfig;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.EventListener;
import org.gatewatch.threads.OwnedThreads;

/**
 * POSTs each event as JSON to the configured URLs, signed with {@link HmacSignature} over the time of the try and
 * the body. A failed try (an I/O error or
 * a status other than 2xx) is retried after 1, 2, 4… × retryBaseMillis until maxAttempts. At most queueSize
 * deliveries wait or retry at once; past that a new one is dropped, counted and logged, so a dead receiver never
 * holds up the analysis thread that records events. One sender thread does the HTTP calls.
 */
public final class WebhookSender implements EventListener, AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(WebhookSender.class);
    /** Log every drop until this many, then every this-many-th: a dead receiver must not flood the log. */
    private static final long DROP_LOG_EVERY = 100;

    private final WebhookConfig config;
    private final ScheduledExecutorService sender;
    private final OwnedThreads senderThreads = new OwnedThreads("gatewatch-webhook-");
    private final Semaphore room;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public WebhookSender(WebhookConfig config) {
        this.config = config;
        this.room = new Semaphore(config.queueSize());
        this.sender = Executors.newSingleThreadScheduledExecutor(senderThreads);
    }

    /** Invoked on the recorder's thread: queue one delivery per URL, or drop it when full. Never blocks. */
    @Override
    public void onEvent(AccessEvent event) {
        byte[] body = EventPayload.of(event);
        String signature = HmacSignature.of(config.secret(), body);
        for (URI url : config.urls()) {
            if (!room.tryAcquire()) {
                drop(event, url, "the queue of " + config.queueSize() + " is full");
                continue;
            }
            try {
                sender.execute(() -> attempt(new Delivery(url, event.id(), body, signature), 1));
            } catch (RejectedExecutionException e) {
                room.release();
                drop(event, url, "the sender is stopped");
            }
        }
    }

    private record Delivery(URI url, long eventId, byte[] body, String signature) {
    }

    /** Sender thread: one try; schedules the next one or gives up. */
    private void attempt(Delivery d, int attempt) {
        String outcome;
        try {
            int status = post(d, attempt);
            if (status / 100 == 2) {
                delivered.incrementAndGet();
                room.release();
                return;
            }
            outcome = "HTTP " + status;
        } catch (IOException e) {
            outcome = Secrets.maskUrl(e.toString());
        }
        if (Thread.currentThread().isInterrupted()) {
            room.release();
            return;
        }
        if (attempt >= config.maxAttempts()) {
            failed.incrementAndGet();
            room.release();
            LOG.error("Webhook {} gave up on event {} after {} tries: {}", Secrets.maskUrl(d.url().toString()),
                    d.eventId(), attempt, outcome);
            return;
        }
        long delay = (long) config.retryBaseMillis() << (attempt - 1);
        LOG.warn("Webhook {} failed for event {} (try {} of {}): {}; retrying in {} ms",
                Secrets.maskUrl(d.url().toString()), d.eventId(), attempt,
                config.maxAttempts(), outcome, delay);
        try {
            sender.schedule(() -> attempt(d, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            room.release();
        }
    }

    /**
     * One POST with HttpURLConnection rather than java.net.http.HttpClient: the latter keeps a selector thread
     * per client that Java 17 cannot close, which would outlive an undeploy.
     */
    private int post(Delivery d, int attempt) throws IOException {
        HttpURLConnection c = (HttpURLConnection) d.url().toURL().openConnection();
        try {
            c.setConnectTimeout(config.timeoutSeconds() * 1000);
            c.setReadTimeout(config.timeoutSeconds() * 1000);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(d.body().length);
            c.setRequestProperty("Content-Type", "application/json");
            // Signed now, not when queued: a retry an hour later is not refused by a receiver's replay window.
            long timestamp = System.currentTimeMillis() / 1000;
            c.setRequestProperty(HmacSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
            c.setRequestProperty(HmacSignature.HEADER, HmacSignature.of(config.secret(), timestamp, d.body()));
            c.setRequestProperty(HmacSignature.BODY_HEADER, d.signature());
            c.setRequestProperty("X-GateWatch-Event", Long.toString(d.eventId()));
            c.setRequestProperty("X-GateWatch-Attempt", Integer.toString(attempt));
            try (OutputStream out = c.getOutputStream()) {
                out.write(d.body());
            }
            int status = c.getResponseCode();
            // Drain the answer; disconnect() then closes the socket, so no JDK keep-alive thread is left behind.
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (in != null) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            return status;
        } finally {
            c.disconnect();
        }
    }

    private void drop(AccessEvent event, URI url, String why) {
        long n = dropped.incrementAndGet();
        if (n <= DROP_LOG_EVERY || n % DROP_LOG_EVERY == 0) {
            LOG.warn("Webhook {}: event {} dropped, {} ({} dropped so far)", Secrets.maskUrl(url.toString()),
                    event.id(), why, n);
        }
    }

    public long delivered() {
        return delivered.get();
    }

    /** Deliveries that used every try. */
    public long failed() {
        return failed.get();
    }

    /** Deliveries queued or waiting for a retry now (at most queueSize). */
    public long backlog() {
        return config.queueSize() - room.availablePermits();
    }

    /** Deliveries never queued because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Stops at once: pending retries are abandoned (and counted in the log line). Idempotent. */
    @Override
    public void close() {
        if (sender.isShutdown()) {
            return;
        }
        int pending = sender.shutdownNow().size();
        try {
            if (!sender.awaitTermination(config.timeoutSeconds() + 1L, TimeUnit.SECONDS)
                    || !senderThreads.joinAll(5_000)) {
                LOG.error("Webhook sender did not stop within {} s", config.timeoutSeconds() + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Webhook sender stopped: {} delivered, {} failed, {} dropped, {} abandoned at stop", delivered(),
                failed(), dropped(), pending);
    }
}
