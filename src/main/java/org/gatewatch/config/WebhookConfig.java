package org.gatewatch.config;

import java.net.URI;
import java.util.List;

/**
 * Where each access event is POSTed as JSON. Off when {@code urls} is empty.
 *
 * @param urls            http(s) URLs, each gets every event
 * @param secret          HMAC-SHA256 key of the X-GateWatch-Signature header; required when urls are set
 * @param queueSize       still read from older configuration files; the outbox of each URL is the journal on disk,
 *                        so nothing waits in memory and nothing is dropped for lack of room
 * @param maxAttempts     tries whose pause doubles; after that the pause stays at its longest
 * @param retryBaseMillis the first pause after a failed try; each next one doubles (exponential back-off)
 * @param timeoutSeconds  connect and response timeout of one try
 * @param maxAgeHours     an event not delivered this long after it happened expires: counted and logged, not sent
 */
public record WebhookConfig(List<URI> urls, String secret, int queueSize, int maxAttempts, int retryBaseMillis,
                            int timeoutSeconds, int maxAgeHours) {

    public static final int DEFAULT_MAX_AGE_HOURS = 24;
    public static final WebhookConfig DEFAULTS = new WebhookConfig(List.of(), "", 1000, 5, 1000, 5,
            DEFAULT_MAX_AGE_HOURS);

    /** With events expiring after the default {@value #DEFAULT_MAX_AGE_HOURS} hours. */
    public WebhookConfig(List<URI> urls, String secret, int queueSize, int maxAttempts, int retryBaseMillis,
                         int timeoutSeconds) {
        this(urls, secret, queueSize, maxAttempts, retryBaseMillis, timeoutSeconds, DEFAULT_MAX_AGE_HOURS);
    }

    public WebhookConfig {
        urls = List.copyOf(urls);
        for (URI u : urls) {
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw ConfigException.invalid("webhook.urls", u.toString(), "http:// or https:// URLs, comma-separated");
            }
        }
        secret = secret == null ? "" : secret;
        if (!urls.isEmpty() && secret.length() < 16) {
            throw ConfigException.invalid("webhook.secret", "(hidden)", "at least 16 characters when webhook.urls is set");
        }
        if (queueSize < 1 || queueSize > 100_000) {
            throw ConfigException.invalid("webhook.queueSize", String.valueOf(queueSize), "1 to 100000");
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw ConfigException.invalid("webhook.maxAttempts", String.valueOf(maxAttempts), "1 to 20");
        }
        if (retryBaseMillis < 10 || retryBaseMillis > 600_000) {
            throw ConfigException.invalid("webhook.retryBaseMillis", String.valueOf(retryBaseMillis), "10 to 600000");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 300) {
            throw ConfigException.invalid("webhook.timeoutSeconds", String.valueOf(timeoutSeconds), "1 to 300");
        }
        if (maxAgeHours < 1 || maxAgeHours > 8760) {
            throw ConfigException.invalid("webhook.maxAgeHours", String.valueOf(maxAgeHours), "1 to 8760");
        }
    }

    public boolean enabled() {
        return !urls.isEmpty();
    }

    /** The URLs with their tokens masked, for a log line: {@link #urls()} prints them whole. */
    public List<String> maskedUrls() {
        return urls.stream().map(u -> Secrets.maskUrl(u.toString())).toList();
    }

    /** As a record prints itself, with the secret and the URLs' tokens masked. */
    @Override
    public String toString() {
        return "WebhookConfig[urls=" + maskedUrls() + ", secret=" + Secrets.hidden(secret) + ", queueSize=" + queueSize
                + ", maxAttempts=" + maxAttempts + ", retryBaseMillis=" + retryBaseMillis + ", timeoutSeconds="
                + timeoutSeconds + ", maxAgeHours=" + maxAgeHours + "]";
    }
}
