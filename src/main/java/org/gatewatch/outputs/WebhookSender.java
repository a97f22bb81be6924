package org.gatewatch.outputs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.Secrets;
import org.gatewatch.config.WebhookConfig;
import org.gatewatch.events.journal.Backoff;
import org.gatewatch.events.journal.Journal;
import org.gatewatch.events.journal.JournalReader;

/**
 * The webhook: one journal reader per URL ({@link WebhookDelivery}), each with its own thread and place in the
 * journal, so a receiver that is down holds back only itself and gets every event once it is back.
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(WebhookSender.class);
    /** The longest pause between two tries, whatever maxAttempts and retryBaseMillis say. */
    private static final long MAX_PAUSE_MILLIS = 300_000;

    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    private final List<JournalReader> readers = new ArrayList<>();

    /** Starts a reader per URL of {@code config} on {@code journal}. */
    public WebhookSender(WebhookConfig config, Journal journal, Clock clock) {
        long first = config.retryBaseMillis();
        long longest = Math.min(MAX_PAUSE_MILLIS, first << (config.maxAttempts() - 1));
        Backoff backoff = new Backoff(first, Math.max(first, longest));
        try {
            for (URI url : config.urls()) {
                WebhookDelivery d = new WebhookDelivery(url, config, clock);
                readers.add(new JournalReader(readerName(url), journal, d, backoff, Secrets::maskUrl).start());
                deliveries.add(d);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The reader's name: the same URL keeps its place across restarts, and the name tells nothing of it. */
    static String readerName(URI url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
            return "webhook-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Events delivered, over every URL (the readers count the expired ones as done too). */
    public long delivered() {
        return readers.stream().mapToLong(JournalReader::delivered).sum()
                - deliveries.stream().mapToLong(WebhookDelivery::expired).sum();
    }

    /** Events that expired undelivered (older than webhook.maxAgeHours), over every URL. */
    public long failed() {
        return deliveries.stream().mapToLong(WebhookDelivery::expired).sum()
                + readers.stream().mapToLong(JournalReader::refused).sum();
    }

    /** Events not yet delivered, over every URL. */
    public long backlog() {
        return readers.stream().mapToLong(JournalReader::behind).sum();
    }

    /** Nothing is dropped for lack of room any more: the outbox is the journal on disk. */
    public long dropped() {
        return 0;
    }

    /** Stops every URL's reader; a try in flight is made again at the next start. Idempotent. */
    @Override
    public void close() {
        readers.forEach(JournalReader::close);
        if (!readers.isEmpty()) {
            LOG.info("Webhook stopped: {} delivered, {} expired, {} still to deliver", delivered(), failed(),
                    backlog());
        }
        readers.clear();
    }
}
