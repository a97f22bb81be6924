package org.gatewatch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stream, the snapshot, the page and the status API, over HTTP on a deployed WAR. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StreamIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GateWatchDeployment.war();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    @Test
    void livePageShowsEveryCameraStreamAndStatus() throws Exception {
        HttpResponse<String> page = GateWatchDeployment.get(uri(""));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        for (String id : List.of("demo", "quick", "relay", "mjpeg", "rtsp", "stills")) {
            assertTrue(page.body().contains("src=\"/gatewatch/cameras/" + id + "/video_feed\""), "img of " + id);
        }
        assertTrue(page.body().contains("name=\"viewport\""), "the page is made for phones too");
        assertTrue(page.body().matches("(?s).*Event snapshots on disk: [0-9.,]+ MB.*"), "disk use of the snapshots shows");
        assertEquals(200, GateWatchDeployment.get(uri("static/css/gatewatch.css")).statusCode());
    }

    @Test
    void twoConcurrentViewersEachReadFiftyDecodableFramesInOrder() throws Exception {
        GateWatchDeployment.awaitNoViewers(base.toString());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<MjpegClient.Part>> viewer = () -> {
                try (MjpegClient client = MjpegClient.open(uri("cameras/demo/video_feed"))) {
                    assertEquals(200, client.status());
                    assertEquals("multipart/x-mixed-replace; boundary=frame", client.header("Content-Type"));
                    assertTrue(client.header("Cache-Control").contains("no-store"));
                    assertEquals("no", client.header("X-Accel-Buffering"));
                    List<MjpegClient.Part> parts = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        parts.add(client.next());
                    }
                    return parts;
                }
            };
            Future<List<MjpegClient.Part>> a = pool.submit(viewer);
            Future<List<MjpegClient.Part>> b = pool.submit(viewer);
            for (List<MjpegClient.Part> parts : List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS))) {
                assertEquals(50, parts.size());
                for (int i = 0; i < parts.size(); i++) {
                    MjpegClient.Part p = parts.get(i);
                    var image = p.decode();
                    assertEquals(768, image.getWidth());
                    assertEquals(576, image.getHeight());
                    if (i > 0) {
                        assertTrue(p.frame() > parts.get(i - 1).frame(), "X-Frame increases");
                        assertTrue(p.timestampMillis() >= parts.get(i - 1).timestampMillis(), "X-Timestamp never goes back");
                    }
                    assertTrue(Math.abs(p.arrivedMillis() - p.timestampMillis()) < 5_000, "X-Timestamp is capture time");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode status = GateWatchDeployment.cameraStatus(base.toString(), "demo");
        assertEquals(10.0, status.get("fps").asDouble(), 0.01, "the demo clip's native rate");
        assertTrue(status.get("framesEncoded").asLong() >= 50);
        assertTrue(status.get("framesSent").asLong() >= 100, "both viewers' frames are counted");
    }

    @Test
    void theSeedUrlStreamsTheFirstCamera() throws Exception {
        try (MjpegClient client = MjpegClient.open(uri("video_feed"))) {
            assertEquals(200, client.status());
            client.next().decode();
        }
    }

    @Test
    void slowViewerSkipsFramesWithoutSlowingAFastOne() throws Exception {
        GateWatchDeployment.awaitNoViewers(base.toString());
        long skippedBefore = GateWatchDeployment.cameraStatus(base.toString(), "demo").get("framesSkipped").asLong();
        try (MjpegClient slow = MjpegClient.open(uri("cameras/demo/video_feed"), 8 * 1024);
             MjpegClient fast = MjpegClient.open(uri("cameras/demo/video_feed"))) {
            long firstSlow = slow.next().frame();
            // The slow viewer now reads nothing for 10 s: its socket buffers fill and the server must skip for it.
            long start = System.nanoTime();
            int fastFrames = 0;
            long lastFast = 0;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
                MjpegClient.Part p = fast.next();
                assertTrue(p.frame() > lastFast);
                lastFast = p.frame();
                fastFrames++;
            }
            assertTrue(fastFrames >= 90, "the fast viewer kept the source's 10 fps, got " + fastFrames + " in 10 s");
            // Read what the slow viewer was sent: its buffered frames, then a jump to recent ones.
            long previous = firstSlow;
            boolean jumped = false;
            for (int i = 0; i < 150 && !jumped; i++) {
                long seq = slow.next().frame();
                jumped = seq - previous > 1;
                previous = seq;
            }
            assertTrue(jumped, "the slow viewer skipped frames instead of getting all of them late");
            assertTrue(lastFast - previous < 30, "after the skip the slow viewer is close to live again");
        }
        long skippedAfter = GateWatchDeployment.cameraStatus(base.toString(), "demo").get("framesSkipped").asLong();
        assertTrue(skippedAfter > skippedBefore, "framesSkipped counts the skipped frames");
    }

    @Test
    void fpsParameterCapsOneViewersRate() throws Exception {
        try (MjpegClient client = MjpegClient.open(uri("cameras/demo/video_feed?fps=2"))) {
            client.next();
            long start = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
                client.next();
                n++;
            }
            assertTrue(n >= 8 && n <= 12, "about 2 fps over 5 s, got " + n);
        }
        HttpResponse<String> bad = GateWatchDeployment.get(uri("cameras/demo/video_feed?fps=zero"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"error\""), bad.body());
    }

    @Test
    void viewersHoldNoThreadAndLeaversAreReleasedAtOnce() throws Exception {
        GateWatchDeployment.awaitNoViewers(base.toString());
        List<MjpegClient> viewers = new ArrayList<>();
        int threadsBefore = Thread.getAllStackTraces().size();
        try {
            for (int i = 0; i < 40; i++) {
                MjpegClient c = MjpegClient.open(uri("cameras/demo/video_feed"));
                viewers.add(c);
            }
            for (MjpegClient c : viewers) {
                c.next();
            }
            await().atMost(Duration.ofSeconds(5)).until(
                    () -> GateWatchDeployment.cameraStatus(base.toString(), "demo").get("viewers").asInt() >= 40);
            int threadsDuring = Thread.getAllStackTraces().size();
            assertTrue(threadsDuring - threadsBefore < 20,
                    "40 viewers must not take 40 threads: " + threadsBefore + " -> " + threadsDuring);
        } finally {
            for (MjpegClient c : viewers) {
                c.close();
            }
        }
        await().atMost(Duration.ofSeconds(3)).until(
                () -> GateWatchDeployment.cameraStatus(base.toString(), "demo").get("viewers").asInt() == 0);
    }

    @Test
    void viewerAboveTheLimitGetsA429NotAStall() throws Exception {
        GateWatchDeployment.awaitNoViewers(base.toString());
        List<MjpegClient> viewers = new ArrayList<>();
        try {
            for (int i = 0; i < GateWatchDeployment.MAX_VIEWERS; i++) {
                MjpegClient c = MjpegClient.open(uri("cameras/stills/video_feed"));
                assertEquals(200, c.status());
                viewers.add(c);
            }
            try (MjpegClient extra = MjpegClient.open(uri("cameras/stills/video_feed"))) {
                assertEquals(429, extra.status());
                assertTrue(extra.body().contains("too many viewers"));
            }
        } finally {
            for (MjpegClient c : viewers) {
                c.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            try (MjpegClient again = MjpegClient.open(uri("cameras/stills/video_feed"))) {
                return again.status() == 200;
            }
        });
    }

    @Test
    void snapshotIsTheNewestFrameEvenFromAnIdleCamera() throws Exception {
        HttpResponse<byte[]> snap = GateWatchDeployment.getBytes(uri("cameras/stills/snapshot.jpg"));
        assertEquals(200, snap.statusCode());
        assertEquals("image/jpeg", snap.headers().firstValue("Content-Type").orElse(""));
        assertTrue(snap.headers().firstValue("X-Frame").isPresent());
        var image = ImageIO.read(new ByteArrayInputStream(snap.body()));
        assertEquals(320, image.getWidth());
        assertEquals(404, GateWatchDeployment.get(uri("cameras/nope/snapshot.jpg")).statusCode());
        assertEquals(404, GateWatchDeployment.get(uri("cameras/demo/nothing")).statusCode());
    }

    @Test
    void statusApiListsEveryCameraWithTheDocumentedFields() throws Exception {
        JsonNode status = GateWatchDeployment.JSON.readTree(GateWatchDeployment.get(uri("api/status")).body());
        assertEquals(6, status.get("cameras").size());
        assertTrue(status.get("snapshotBytes").asLong() >= 0, "disk use of the event snapshots: " + status);
        // The embedded Tomcat of this test keeps Tomcat's defaults, which the status names with their fix.
        String warnings = status.get("serverWarnings").toString();
        assertTrue(warnings.contains("socket.appWriteBufSize is 8192 bytes") && warnings.contains("no shared Executor"),
                warnings);
        Set<String> states = Set.of("idle", "starting", "streaming", "reconnecting", "error");
        for (JsonNode camera : status.get("cameras")) {
            for (String field : List.of("id", "name", "source", "state", "fps", "idleSeconds", "viewers",
                    "framesCaptured", "framesEncoded", "framesSent", "framesSkipped", "lastError", "analysis",
                    "analysisFps", "countIn", "countOut", "analysisMode", "liveness", "analysisError")) {
                assertTrue(camera.has(field), field + " in " + camera);
            }
            assertTrue(List.of("off", "people", "gate").contains(camera.get("analysisMode").asText()), camera.toString());
            assertTrue(states.contains(camera.get("state").asText()), camera.toString());
        }
    }
}
