package org.gatewatch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Access events and their outputs: how long events are kept, the webhook and the MQTT broker.
 *
 * @param retentionDays events and their snapshots older than this are deleted by the hourly retention task
 * @param maxListenersPerAddress Server-Sent Events listeners ({@code /api/events/stream}) one client address may
 *                      hold at once
 */
public record RecordsConfig(int retentionDays, WebhookConfig webhook, MqttConfig mqtt, int maxListenersPerAddress) {

    /** Default of {@code events.maxListenersPerAddress}: a guard's few browser tabs, with room to spare. */
    public static final int DEFAULT_LISTENERS_PER_ADDRESS = 10;

    public static final RecordsConfig DEFAULTS = new RecordsConfig(90, WebhookConfig.DEFAULTS, MqttConfig.DEFAULTS);

    /** With the default per-address listener limit. */
    public RecordsConfig(int retentionDays, WebhookConfig webhook, MqttConfig mqtt) {
        this(retentionDays, webhook, mqtt, DEFAULT_LISTENERS_PER_ADDRESS);
    }

    /** The keys of this section, for ConfigLoader's unknown-key check. */
    public static final Set<String> KEYS = Set.of("events.retentionDays", "events.maxListenersPerAddress",
            "webhook.urls", "webhook.secret", "webhook.queueSize", "webhook.maxAttempts", "webhook.retryBaseMillis",
            "webhook.timeoutSeconds", "webhook.maxAgeHours",
            "mqtt.url", "mqtt.clientId", "mqtt.username", "mqtt.password", "mqtt.topicPrefix", "mqtt.qos");

    public RecordsConfig {
        if (retentionDays < 1 || retentionDays > 36_500) {
            throw ConfigException.invalid("events.retentionDays", String.valueOf(retentionDays), "1 to 36500");
        }
        if (maxListenersPerAddress < 1 || maxListenersPerAddress > 1000) {
            throw ConfigException.invalid("events.maxListenersPerAddress", String.valueOf(maxListenersPerAddress),
                    "1 to 1000");
        }
    }

    static RecordsConfig parse(Properties p) {
        WebhookConfig w = WebhookConfig.DEFAULTS;
        MqttConfig m = MqttConfig.DEFAULTS;
        return new RecordsConfig(
                ConfigValues.integer(p, "events.retentionDays", DEFAULTS.retentionDays()),
                new WebhookConfig(urls(p.getProperty("webhook.urls", "")), p.getProperty("webhook.secret", "").strip(),
                        ConfigValues.integer(p, "webhook.queueSize", w.queueSize()),
                        ConfigValues.integer(p, "webhook.maxAttempts", w.maxAttempts()),
                        ConfigValues.integer(p, "webhook.retryBaseMillis", w.retryBaseMillis()),
                        ConfigValues.integer(p, "webhook.timeoutSeconds", w.timeoutSeconds()),
                        ConfigValues.integer(p, "webhook.maxAgeHours", w.maxAgeHours())),
                new MqttConfig(p.getProperty("mqtt.url", m.url()).strip(), p.getProperty("mqtt.clientId", m.clientId()).strip(),
                        p.getProperty("mqtt.username", m.username()).strip(), p.getProperty("mqtt.password", m.password()),
                        p.getProperty("mqtt.topicPrefix", m.topicPrefix()).strip(),
                        ConfigValues.integer(p, "mqtt.qos", m.qos())),
                ConfigValues.integer(p, "events.maxListenersPerAddress", DEFAULT_LISTENERS_PER_ADDRESS));
    }

    private static List<URI> urls(String list) {
        List<URI> urls = new ArrayList<>();
        for (String u : list.split("\\s*,\\s*")) {
            if (u.isBlank()) {
                continue;
            }
            try {
                urls.add(new URI(u.strip()));
            } catch (URISyntaxException e) {
                throw ConfigException.invalid("webhook.urls", u, "a URL: " + e.getReason());
            }
        }
        return urls;
    }
}
