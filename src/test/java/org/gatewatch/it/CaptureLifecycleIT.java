package org.gatewatch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The capture thread starts with the first viewer and stops after the idle time, as in the seed. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CaptureLifecycleIT {

    private static final String THREAD = "gatewatch-capture-quick";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GateWatchDeployment.war();
    }

    private String state() throws Exception {
        return GateWatchDeployment.cameraStatus(base.toString(), "quick").get("state").asText();
    }

    @Test
    void captureThreadStopsAfterIdleTimeAndStartsAgainForTheNextViewer() throws Exception {
        assertEquals("idle", state(), "no viewer yet: no capture");
        assertFalse(GateWatchDeployment.threadAlive(THREAD));

        long lastSeq;
        try (MjpegClient viewer = MjpegClient.open(URI.create(base + "cameras/quick/video_feed"))) {
            lastSeq = viewer.next().frame();
            assertEquals("streaming", state());
            assertTrue(GateWatchDeployment.threadAlive(THREAD));
        }
        // Still running within the idle time (2 s here), stopped soon after it.
        assertEquals("streaming", state());
        long left = System.nanoTime();
        await().atMost(Duration.ofSeconds(GateWatchDeployment.QUICK_IDLE_SECONDS + 5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !GateWatchDeployment.threadAlive(THREAD));
        long stoppedAfterMs = (System.nanoTime() - left) / 1_000_000;
        assertTrue(stoppedAfterMs >= GateWatchDeployment.QUICK_IDLE_SECONDS * 1000L - 500,
                "stopped after the idle time, not before: " + stoppedAfterMs + " ms");
        assertEquals("idle", state());
        long encoded = GateWatchDeployment.cameraStatus(base.toString(), "quick").get("framesEncoded").asLong();
        Thread.sleep(500);
        assertEquals(encoded, GateWatchDeployment.cameraStatus(base.toString(), "quick").get("framesEncoded").asLong(),
                "an idle camera encodes nothing");

        try (MjpegClient viewer = MjpegClient.open(URI.create(base + "cameras/quick/video_feed"))) {
            MjpegClient.Part p = viewer.next();
            p = viewer.next();
            assertTrue(p.frame() > lastSeq, "sequence numbers keep increasing across restarts");
            assertTrue(System.currentTimeMillis() - p.timestampMillis() < 2_000, "a fresh frame, not the old one");
            assertTrue(GateWatchDeployment.threadAlive(THREAD));
            assertEquals("streaming", state());
        }
    }
}
