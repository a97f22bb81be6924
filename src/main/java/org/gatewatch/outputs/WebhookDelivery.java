package org.gatewatch.outputs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.Secrets;
import org.gatewatch.config.WebhookConfig;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.journal.JournalDelivery;

/**
 * The journal's reader for one webhook URL: its outbox is the journal itself, from this reader's place on, so it
 * survives a restart and a dead receiver delays only its own URL. Each event is POSTed as JSON, signed with
 * {@link HmacSignature} over the time of the try and the body, with the event's id so a receiver drops a duplicate.
 * A try that fails (an I/O error, a status other than 2xx) is tried again; an event older than
 * {@code webhook.maxAgeHours} expires instead: counted and logged.
 */
public final class WebhookDelivery implements JournalDelivery {

    private static final Logger LOG = LogManager.getLogger(WebhookDelivery.class);

    private final URI url;
    private final WebhookConfig config;
    private final Clock clock;
    private final AtomicLong expired = new AtomicLong();
    private long lastEventId;
    private int attempt;

    public WebhookDelivery(URI url, WebhookConfig config, Clock clock) {
        this.url = url;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void deliver(AccessEvent event) throws IOException {
        if (event.id() != lastEventId) {
            lastEventId = event.id();
            attempt = 0;
        }
        attempt++;
        Duration age = Duration.between(event.time(), clock.instant());
        if (age.toHours() >= config.maxAgeHours()) {
            long n = expired.incrementAndGet();
            LOG.error("Webhook {}: event {} expired undelivered after {} tries, {} h after it happened"
                    + " (webhook.maxAgeHours = {}; {} expired so far)", masked(), event.id(), attempt - 1,
                    age.toHours(), config.maxAgeHours(), n);
            return;
        }
        int status = post(event.id(), EventPayload.of(event));
        if (status / 100 != 2) {
            throw new IOException("HTTP " + status);
        }
    }

    public String masked() {
        return Secrets.maskUrl(url.toString());
    }

    /** Events given up because they were older than {@code webhook.maxAgeHours}. */
    public long expired() {
        return expired.get();
    }

    /**
     * One POST with HttpURLConnection rather than java.net.http.HttpClient: the latter keeps a selector thread
     * per client that Java 17 cannot close, which would outlive an undeploy.
     */
    private int post(long eventId, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        try {
            c.setConnectTimeout(config.timeoutSeconds() * 1000);
            c.setReadTimeout(config.timeoutSeconds() * 1000);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            c.setRequestProperty("Content-Type", "application/json");
            // Signed now, not when it happened: a retry an hour later is not refused by a receiver's replay window.
            long timestamp = clock.millis() / 1000;
            c.setRequestProperty(HmacSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
            c.setRequestProperty(HmacSignature.HEADER, HmacSignature.of(config.secret(), timestamp, body));
            c.setRequestProperty(HmacSignature.BODY_HEADER, HmacSignature.of(config.secret(), body));
            c.setRequestProperty("X-GateWatch-Event", Long.toString(eventId));
            c.setRequestProperty("X-GateWatch-Attempt", Integer.toString(attempt));
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
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
}
