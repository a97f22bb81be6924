package org.gatewatch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                before = viewer.next().frame();
                assertEquals(320, viewer.next().decode().getWidth());
            } finally {
                camera.close();
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> Set2.of("reconnecting", "error").contains(state("mjpeg")));
            String lastError = GateWatchDeployment.cameraStatus(base.toString(), "mjpeg").get("lastError").asText();
            assertTrue(!lastError.isBlank() && !lastError.equals("null"), "the failure shows on the status: " + lastError);
            try (TestMjpegServer again = new TestMjpegServer(GateWatchDeployment.MJPEG_SOURCE_PORT)) {
                // The same viewer, never disconnected, gets frames again.
                MjpegClient.Part resumed = viewer.nextAfter(before + 1);
                assertEquals(320, resumed.decode().getWidth());
                await().atMost(Duration.ofSeconds(5)).until(() -> state("mjpeg").equals("streaming"));
            }
        }
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
