package org.gatewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The events and outputs section of gatewatch.properties. */
class RecordsConfigTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("cameras", "a");
        p.setProperty("camera.a.source", "demo");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void theShippedFileParsesWithOutputsOff() {
        RecordsConfig r = ConfigLoader.load(null).records();
        assertEquals(90, r.retentionDays());
        assertFalse(r.webhook().enabled());
        assertFalse(r.mqtt().enabled());
    }

    @Test
    void webhookAndMqttKeysAreRead() {
        RecordsConfig r = ConfigLoader.parse(props("events.retentionDays", "7",
                "webhook.urls", "http://a.example/hook, https://b.example/x", "webhook.secret", "0123456789abcdef",
                "webhook.maxAttempts", "3", "mqtt.url", "tcp://127.0.0.1:1883", "mqtt.topicPrefix", "site/gate",
                "mqtt.qos", "0"), "test").records();
        assertEquals(7, r.retentionDays());
        assertEquals(List.of(URI.create("http://a.example/hook"), URI.create("https://b.example/x")), r.webhook().urls());
        assertEquals(3, r.webhook().maxAttempts());
        assertTrue(r.mqtt().enabled());
        assertEquals("site/gate", r.mqtt().topicPrefix());
        assertEquals(0, r.mqtt().qos());
    }

    @Test
    void badOrUnknownKeysStopTheStartNamingTheKey() {
        assertMessage("webhook.url", props("webhook.url", "http://x"));
        assertMessage("webhook.secret", props("webhook.urls", "http://x.example/h", "webhook.secret", "short"));
        assertMessage("webhook.urls", props("webhook.urls", "ftp://x.example/h", "webhook.secret", "0123456789abcdef"));
        assertMessage("mqtt.url", props("mqtt.url", "localhost:1883"));
        assertMessage("mqtt.topicPrefix", props("mqtt.topicPrefix", "gate/#"));
        assertMessage("events.retentionDays", props("events.retentionDays", "0"));
    }

    private static void assertMessage(String key, Properties p) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(p, "test"));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
