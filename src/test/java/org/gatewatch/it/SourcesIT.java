package org.gatewatch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every kind of source, over real protocols: HTTP MJPEG, RTSP from a real RTSP server, a folder of images. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SourcesIT {

    static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GateWatchDeployment.war();
    }

    private MjpegClient open(String camera) throws IOException {
        return MjpegClient.open(URI.create(base + "cameras/" + camera + "/video_feed"));
    }

    private String state(String camera) throws Exception {
        return GateWatchDeployment.cameraStatus(base.toString(), camera).get("state").asText();
    }

    @Test
    void relaysAnotherGateWatchStreamOverHttp() throws Exception {
        try (MjpegClient relay = open("relay")) {
            for (int i = 0; i < 20; i++) {
                var image = relay.next().decode();
                assertEquals(768, image.getWidth());
            }
            assertTrue(GateWatchDeployment.cameraStatus(base.toString(), "relay").get("fps").asDouble() > 5,
                    "the relay measures the rate of the stream it reads");
        }
    }

    @Test
    void mjpegCameraThatDropsIsReconnectedAndViewersSeeTheStreamResume() throws Exception {
        long before;
        try (MjpegClient viewer = open("mjpeg")) {
            TestMjpegServer camera = new TestMjpegServer(GateWatchDeployment.MJPEG_SOURCE_PORT);
            try {
                // Until the stand-in camera listens, the viewer may be shown NO SIGNAL.
                MjpegClient.Part live = viewer.next();
                while (TestMjpegServer.isNoSignal(live)) {
                    live = viewer.next();
                }
                before = live.frame();
                assertEquals(320, live.decode().getWidth());
            } finally {
                camera.close();
            }
            Instant lost = Instant.now();
            // Within 2 s the same viewer gets the NO SIGNAL picture as new parts, at least once a second.
            MjpegClient.Part first = viewer.nextAfter(before + 1);
            while (!TestMjpegServer.isNoSignal(first)) {
                first = viewer.next();
            }
            assertTrue(first.arrivedMillis() - lost.toEpochMilli() <= 2_500,
                    "NO SIGNAL " + (first.arrivedMillis() - lost.toEpochMilli()) + " ms after the source was lost");
            MjpegClient.Part repeated = viewer.nextAfter(first.frame());
            assertTrue(TestMjpegServer.isNoSignal(repeated) && repeated.arrivedMillis() - first.arrivedMillis() <= 1_200,
                    "repeated as new parts: " + (repeated.arrivedMillis() - first.arrivedMillis()) + " ms apart");
            assertEquals(320, repeated.decode().getWidth(), "in the camera's own size");
            // camera.mjpeg.downAfterSeconds = 2: the lost source is an event, for the trail and the outputs.
            JsonNode down = awaitEvent("mjpeg", "CAMERA_DOWN", lost);
            assertTrue(down.get("rule").asText().startsWith("no frame for "), down.toString());
            await().atMost(Duration.ofSeconds(15)).until(() -> Set2.of("reconnecting", "error").contains(state("mjpeg")));
            String lastError = GateWatchDeployment.cameraStatus(base.toString(), "mjpeg").get("lastError").asText();
            assertTrue(!lastError.isBlank() && !lastError.equals("null"), "the failure shows on the status: " + lastError);
            try (TestMjpegServer again = new TestMjpegServer(GateWatchDeployment.MJPEG_SOURCE_PORT)) {
                // The same viewer, never disconnected, gets frames again.
                MjpegClient.Part resumed = viewer.nextAfter(before + 1);
                while (TestMjpegServer.isNoSignal(resumed)) {
                    resumed = viewer.next();
                }
                assertEquals(320, resumed.decode().getWidth());
                await().atMost(Duration.ofSeconds(5)).until(() -> state("mjpeg").equals("streaming"));
                JsonNode up = awaitEvent("mjpeg", "CAMERA_UP", Instant.parse(down.get("time").asText()));
                assertTrue(Instant.parse(up.get("time").asText()).isAfter(Instant.parse(down.get("time").asText())));
            }
        }
    }

    /** The newest event of {@code decision} on {@code camera} at or after {@code since}, waited for up to 15 s. */
    private JsonNode awaitEvent(String camera, String decision, Instant since) {
        ApiClient api = new ApiClient(base.toString());
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode items = ApiClient.json(api.get("api/events?camera=" + camera + "&decision=" + decision))
                    .get("items");
            for (JsonNode e : items) {
                if (!Instant.parse(e.get("time").asText()).isBefore(since.minusSeconds(1))) {
                    found[0] = e;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void readsARealRtspServerAndRecoversWhenItRestarts() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && Files.isReadable(VTEST),
                "SKIPPED: needs Debian's python3-gi + gst-rtsp-server and opencv-doc (bin/gatewatch test installs them)");
        try (RtspTestServer server = RtspTestServer.start(GateWatchDeployment.RTSP_SOURCE_PORT, VTEST)) {
            try (MjpegClient viewer = open("rtsp")) {
                long first = -1;
                for (int i = 0; i < 20; i++) {
                    MjpegClient.Part p = viewer.next();
                    first = first < 0 ? p.frame() : first;
                    assertEquals(768, p.decode().getWidth());
                }
                assertEquals(10.0, GateWatchDeployment.cameraStatus(base.toString(), "rtsp").get("fps").asDouble(), 0.5);
                server.stop();
                await().atMost(Duration.ofSeconds(20)).until(() -> !state("rtsp").equals("streaming"));
                server.restart();
                // Keep-alive repeats of the last frame come meanwhile; then new frames on the same connection.
                MjpegClient.Part resumed = viewer.nextAfter(first + 19);
                assertEquals(768, resumed.decode().getWidth());
            }
        }
    }

    @Test
    void folderOfImagesPlaysAtTheConfiguredRate() throws Exception {
        try (MjpegClient viewer = open("stills")) {
            viewer.next();
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                assertEquals(320, viewer.next().decode().getWidth());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(2.0, seconds, 0.6, "10 frames at 5 fps");
            assertEquals(5.0, GateWatchDeployment.cameraStatus(base.toString(), "stills").get("fps").asDouble(), 0.01);
        }
    }

    /** Set.of under a name that does not clash with Awaitility's static imports. */
    private static final class Set2 {
        static java.util.Set<String> of(String... values) {
            return java.util.Set.of(values);
        }
    }
}
