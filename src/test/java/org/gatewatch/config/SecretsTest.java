package org.gatewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A configured URL or secret never shows its password: in status, in messages, in a record's toString(). */
class SecretsTest {

    @Test
    void aCameraUrlKeepsUserHostAndPathButNotThePassword() {
        assertEquals("rtsp://user:***@10.0.0.7:554/stream1",
                Secrets.maskUrl("rtsp://user:s3cret@10.0.0.7:554/stream1"));
        assertEquals("http://admin:***@cam.example/video.mjpg",
                Secrets.maskUrl("http://admin:pa55@cam.example/video.mjpg"));
        assertEquals("https://***@hooks.example/x", Secrets.maskUrl("https://T0KEN@hooks.example/x"));
        assertEquals("rtsp://user:***@host/x", Secrets.maskUrl("rtsp://user:p@ss@host/x"),
                "an unencoded @ in a password");
        assertEquals("rtsp://user:***@host", Secrets.maskUrl("rtsp://user:s3cret@host"));
    }

    @Test
    void credentialQueryValuesAreMaskedAndOthersKept() {
        assertEquals("https://hooks.example/in?channel=gate&token=***&api_key=***",
                Secrets.maskUrl("https://hooks.example/in?channel=gate&token=abc&api_key=def"));
        assertEquals("http://cam/snap.cgi?user=admin&password=***&pwd=***&X-Amz-Signature=***#top",
                Secrets.maskUrl("http://cam/snap.cgi?user=admin&password=s3cret&pwd=x&X-Amz-Signature=f00#top"));
        assertEquals("https://h.example/x?secret=***&client_secret=***&sig=***&fps=5",
                Secrets.maskUrl("https://h.example/x?secret=a&client_secret=b&sig=c&fps=5"));
    }

    @Test
    void textQuotingUrlsIsMaskedEverywhereInIt() {
        String ffmpeg = "cannot open rtsp://u:s3cret@127.0.0.1:8554/x: avformat_open_input() error -111: Could not open"
                + " input \"rtsp://u:s3cret@127.0.0.1:8554/x\". (Has setFormat() been called?)";
        String masked = Secrets.maskUrl(ffmpeg);
        assertFalse(masked.contains("s3cret"), masked);
        assertEquals(2, masked.split("rtsp://u:\\*\\*\\*@127\\.0\\.0\\.1:8554/x", -1).length - 1, masked);
        assertTrue(masked.endsWith("(Has setFormat() been called?)"), masked);
    }

    @Test
    void valuesWithoutSecretsAreUnchanged() {
        for (String s : List.of("demo", "/dev/video0", "v4l2:1", "/srv/clips/door.mp4", "rtsp://10.0.0.7:554/stream1",
                "http://127.0.0.1:8080/gatewatch/cameras/demo/video_feed?overlay=0&fps=5", "mail admin@example.com",
                "source ended", "")) {
            assertEquals(s, Secrets.maskUrl(s));
        }
        assertNull(Secrets.maskUrl(null));
    }

    @Test
    void namesOfCredentialsAreRecognised() {
        for (String name : List.of("password", "mqtt_password", "token", "access_token", "api-key", "apikey",
                "secret", "signature", "X-Amz-Credential", "auth")) {
            assertTrue(Secrets.isSecretName(name), name);
        }
        for (String name : List.of("user", "fps", "overlay", "channel", "source", "url", "")) {
            assertFalse(Secrets.isSecretName(name), name);
        }
    }

    @Test
    void configurationMessagesMaskPasswordsAndUrls() {
        assertEquals("Invalid configuration: mqtt.password = '***' (x)",
                ConfigException.invalid("mqtt.password", "hunter2", "x").getMessage());
        String message = ConfigException.invalid("camera.a.source", "rtsp://u:s3cret@h/ x",
                "Illegal character in path at index 16: rtsp://u:s3cret@h/ x").getMessage();
        assertFalse(message.contains("s3cret"), message);
        assertTrue(message.contains("rtsp://u:***@h/"), message);
        String broken = ConfigException.invalid("camera.a.source", "rtsp://u:pa ss@h/x",
                "Illegal character in authority at index 12: rtsp://u:pa ss@h/x").getMessage();
        assertFalse(broken.contains("pa ss"), "a password that breaks the URL: " + broken);
        assertTrue(broken.contains("rtsp://***@h/x"), broken);
        assertEquals("jdbc:h2:file:/srv/gw;USER=sa;PASSWORD=***",
                Secrets.maskUrl("jdbc:h2:file:/srv/gw;USER=sa;PASSWORD=pw"));
        // An unknown key's value is shown too: a typo must not print the secret it was meant to hold.
        Properties p = new Properties();
        p.setProperty("cameras", "a");
        p.setProperty("camera.a.source", "demo");
        p.setProperty("camera.a.sorce", "rtsp://u:s3cret@h/x");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(p, "test"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void noConfigurationRecordPrintsASecret() {
        CameraConfig camera = new CameraConfig("gate", "Gate", "rtsp://user:s3cret@10.0.0.7/x", 0, 80, 10, false,
                AnalysisMode.OFF, CameraConfig.DEFAULT_LIVENESS, 0.2, PedestrianConfig.DEFAULTS);
        WebhookConfig webhook = new WebhookConfig(List.of(URI.create("https://hooks.example/in?token=s3cret"),
                URI.create("https://user:s3cret@hooks.example/b")), "s3cret-hmac-key-0123", 10, 3, 100, 5);
        MqttConfig mqtt = new MqttConfig("tcp://broker:1883", "gw", "gate", "s3cret", "gatewatch", 1);
        RecordsConfig records = new RecordsConfig(30, webhook, mqtt);
        GateWatchConfig all = new GateWatchConfig(List.of(camera), StreamConfig.DEFAULTS, records,
                RecognitionConfig.DEFAULTS, "test");
        for (Object record : List.of(camera, webhook, mqtt, records, all)) {
            String text = record.toString();
            assertFalse(text.contains("s3cret"), text);
        }
        assertTrue(camera.toString().contains("source=rtsp://user:***@10.0.0.7/x"), camera.toString());
        assertTrue(mqtt.toString().contains("password=***"), mqtt.toString());
        assertTrue(webhook.toString().contains("secret=***"), webhook.toString());
        assertEquals("rtsp://user:s3cret@10.0.0.7/x", camera.source(), "the value itself is kept for the source");
    }

    @Test
    void theStreamLinkKeyIsReadButNeverShown() throws IOException {
        String key = "s3cret-link-key-of-32-characters";
        Properties p = new Properties();
        p.load(new StringReader("cameras = a\ncamera.a.source = demo\nstream.tokenSecret = " + key + "  \n"));
        GateWatchConfig config = ConfigLoader.parse(p, "test");
        assertEquals(key, config.stream().tokenSecret(), "trimmed");
        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertTrue(config.stream().toString().contains("tokenSecret=***"), config.stream().toString());
        assertTrue(StreamConfig.DEFAULTS.toString().endsWith("tokenSecret=]"), "none set: " + StreamConfig.DEFAULTS);

        p.setProperty("stream.tokenSecret", "s3cret-but-short");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(p, "test"));
        assertTrue(e.getMessage().contains("stream.tokenSecret") && e.getMessage().contains("32"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
