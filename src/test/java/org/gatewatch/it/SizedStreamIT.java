package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Downscaled streams and snapshots ({@code ?width=}, {@code ?size=}) on the deployed WAR: the picture's size per
 * parameter, one encode per width shared by its viewers (the encode counter in /metrics), the 400s, and the full
 * picture as before. The demo camera plays 768x576 at 10 fps.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SizedStreamIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GateWatchDeployment.war();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private BufferedImage streamFrame(String path) throws Exception {
        try (MjpegClient client = MjpegClient.open(uri(path))) {
            assertEquals(200, client.status(), path);
            return client.next().decode();
        }
    }

    private static void assertSize(int width, int height, BufferedImage image, String what) {
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight(), what);
    }

    @Test
    void eachSizeStreamsItsPictureAndTheFullOneIsUnchanged() throws Exception {
        assertSize(768, 576, streamFrame("cameras/demo/video_feed"), "no parameter: the full picture");
        assertSize(768, 576, streamFrame("cameras/demo/video_feed?size=full"), "size=full");
        assertSize(320, 240, streamFrame("cameras/demo/video_feed?size=small"), "size=small");
        assertSize(640, 480, streamFrame("cameras/demo/video_feed?size=medium"), "size=medium");
        assertSize(480, 360, streamFrame("cameras/demo/video_feed?width=400"), "width=400 snaps up to 480");
        assertSize(160, 120, streamFrame("video_feed?width=160&fps=5"), "the seed URL, with ?fps");
        assertSize(320, 240, streamFrame("cameras/demo/video_feed?size=small&overlay=0"), "without overlay");
        assertSize(768, 576, streamFrame("cameras/demo/video_feed?width=960"), "never upscaled");
        assertSize(768, 576, streamFrame("cameras/demo/video_feed?width=5000"), "wider than every fixed width");
    }

    @Test
    void snapshotsComeInTheSameSizes() throws Exception {
        for (String[] c : new String[][] {{"", "768"}, {"?size=small", "320"}, {"?width=640", "640"},
                {"?width=1280", "768"}}) {
            HttpResponse<byte[]> r = GateWatchDeployment.getBytes(uri("cameras/demo/snapshot.jpg" + c[0]));
            assertEquals(200, r.statusCode(), c[0]);
            assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
            assertEquals(Integer.parseInt(c[1]), image.getWidth(), "snapshot" + c[0]);
            assertEquals(Integer.parseInt(c[1]) * 3 / 4, image.getHeight(), "snapshot" + c[0]);
        }
    }

    @Test
    void badSizesAreOneLine400s() throws Exception {
        for (String path : new String[] {"cameras/demo/video_feed?width=0", "cameras/demo/video_feed?width=abc",
                "cameras/demo/video_feed?width=-320", "cameras/demo/video_feed?size=huge",
                "cameras/demo/video_feed?width=320&size=small", "video_feed?width=99999",
                "cameras/demo/snapshot.jpg?width=1e3", "cameras/demo/snapshot.jpg?size="}) {
            HttpResponse<String> r = GateWatchDeployment.get(uri(path));
            assertEquals(400, r.statusCode(), path);
            assertTrue(r.body().matches("\\{\"error\": ?\"(width|size|give)[^\\n]*\"}\\s*"), path + ": " + r.body());
        }
    }

    /** Encodes at {@code width} of the demo camera and its captured frames, from one scrape of /metrics. */
    private long[] encodedAndCaptured(int width) throws Exception {
        String text = GateWatchDeployment.get(uri("metrics")).body();
        return new long[] {counter(text, "gatewatch_stream_frames_encoded_total\\{camera=\"demo\",width=\"" + width
                + "\",?}"), counter(text, "gatewatch_camera_frames_captured_total\\{camera=\"demo\",?}")};
    }

    private static long counter(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + "\\s+([0-9.eE+]+)").matcher(text);
        assertTrue(m.find(), "no " + series + " in /metrics");
        return (long) Double.parseDouble(m.group(1));
    }

    private long encodedAt(int width) throws Exception {
        return encodedAndCaptured(width)[0];
    }

    /** Reads {@code clients} for {@code seconds}; the number of frames the first one got. */
    private static int readFor(double seconds, MjpegClient... clients) throws Exception {
        int first = 0;
        long end = System.nanoTime() + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        while (System.nanoTime() < end) {
            for (MjpegClient c : clients) {
                c.next();
            }
            first++;
        }
        return first;
    }

    @Test
    void viewersOfOneSizeShareOneEncode() throws Exception {
        try (MjpegClient a = MjpegClient.open(uri("cameras/demo/video_feed?width=960&overlay=0"));
             MjpegClient b = MjpegClient.open(uri("cameras/demo/video_feed?width=960&overlay=0"))) {
            // 960 is wider than the demo's 768: both get the full picture, encoded only for them, never upscaled.
            assertEquals(768, a.next().decode().getWidth());
            b.next();
        }
        // Encodes against captured frames in the same scrape: with one encode per viewer, two viewers would make
        // twice as many encodes as frames.
        try (MjpegClient a = MjpegClient.open(uri("cameras/demo/video_feed?width=480"))) {
            readFor(1, a);
            long[] before = encodedAndCaptured(480);
            int gotOne = readFor(4, a);
            long[] after = encodedAndCaptured(480);
            long oneViewer = after[0] - before[0];
            long capturedDuringOne = after[1] - before[1];
            assertTrue(gotOne >= 20, "one viewer of width 480 got " + gotOne + " frames in 4 s");
            assertTrue(oneViewer <= capturedDuringOne + 1,
                    "one viewer: " + oneViewer + " encodes for " + capturedDuringOne + " frames");

            try (MjpegClient b = MjpegClient.open(uri("cameras/demo/video_feed?width=480"))) {
                readFor(1, a, b);
                long[] beforeTwo = encodedAndCaptured(480);
                int gotTwo = readFor(4, a, b);
                long[] afterTwo = encodedAndCaptured(480);
                long twoViewers = afterTwo[0] - beforeTwo[0];
                long capturedDuringTwo = afterTwo[1] - beforeTwo[1];
                assertTrue(gotTwo >= 20, "two viewers of width 480 got " + gotTwo + " frames each in 4 s");
                assertTrue(twoViewers <= capturedDuringTwo + 1, "two viewers: " + twoViewers + " encodes for "
                        + capturedDuringTwo + " frames: one encode per frame, not per viewer");
            }
        }
        // A closed viewer is noticed at the next frame written to it; then its width is encoded no more.
        long[] last = {-1};
        org.awaitility.Awaitility.await("encodes of width 480 stop").atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(1500)).until(() -> {
                    long now = encodedAt(480);
                    boolean still = now == last[0];
                    last[0] = now;
                    return still;
                });
    }
}
