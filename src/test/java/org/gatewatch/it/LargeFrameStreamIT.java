package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A camera whose JPEG parts are larger than a viewer's response buffer ({@code stream.bufferBytes}), as an HD
 * camera's are: each frame must reach the viewer whole as soon as it is sent, not when the next frame pushes its
 * last bytes out. Such a part leaves the socket busy after the write, so its end is flushed when the socket drains.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LargeFrameStreamIT {

    private static final Path WORK = Path.of(System.getProperty("gatewatch.test.work", "target/it-work"), "large");
    /** One frame a second: a part held back until the next frame arrives a second late. */
    private static final int FPS = 1;
    private static final int BUFFER_BYTES = 65_536;
    private static final int STALL_SECONDS = 2;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        Path stills = Files.createDirectories(WORK.resolve("stills"));
        Random random = new Random(7);
        for (int i = 0; i < 2; i++) {
            // Noise does not compress: each part is several hundred kilobytes, many times the response buffer.
            BufferedImage image = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            ImageIO.write(image, "png", stills.resolve("noise-" + i + ".png").toFile());
        }
        Path config = WORK.resolve("gatewatch.properties");
        Files.writeString(config, String.join("\n",
                "cameras = hd",
                "camera.hd.source = " + stills.toAbsolutePath(),
                "camera.hd.fps = " + FPS,
                "stream.bufferBytes = " + BUFFER_BYTES,
                "stream.stallSeconds = " + STALL_SECONDS,
                ""));
        System.setProperty("gatewatch.config", config.toAbsolutePath().toString());
        System.setProperty("gatewatch.home", WORK.resolve("home").toAbsolutePath().toString());
        File war = new File(System.getProperty("gatewatch.war", "target/gatewatch.war"));
        return TestRealm.addTo(ShrinkWrap.createFromZipFile(WebArchive.class, war), WORK);
    }

    private int viewers() throws Exception {
        return GateWatchDeployment.JSON.readTree(GateWatchDeployment.get(URI.create(base + "api/status")).body())
                .get("viewers").asInt();
    }

    @Test
    void aViewerThatStopsReadingIsDroppedAfterTheStallTime() throws Exception {
        // A small receive window: the socket fills after a few large frames, and the viewer reads nothing more.
        try (MjpegClient client = MjpegClient.open(URI.create(base + "cameras/hd/video_feed"), 16_384)) {
            assertEquals(200, client.status());
            client.next();
            long start = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                    .until(() -> viewers() == 0);
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds >= STALL_SECONDS, "dropped after " + seconds + " s, before the stall time");
        }
    }

    @Test
    void eachLargeFrameArrivesWholeWithoutWaitingForTheNext() throws Exception {
        List<Long> ages = new ArrayList<>();
        try (MjpegClient client = MjpegClient.open(URI.create(base + "cameras/hd/video_feed"))) {
            assertEquals(200, client.status());
            MjpegClient.Part part = client.next();
            for (int i = 0; i < 6; i++) {
                part = client.nextAfter(part.frame());
                assertTrue(part.jpeg().length > 4 * BUFFER_BYTES,
                        "the part must be larger than the buffer: " + part.jpeg().length + " bytes");
                ages.add(part.arrivedMillis() - part.timestampMillis());
            }
            assertEquals(1280, part.decode().getWidth(), "the last part decodes");
        }
        List<Long> sorted = ages.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        // Capture to arrival is the encode and the loopback copy, tens of milliseconds on a quiet machine; a frame
        // held back by one frame interval would be at least 1,000 ms old. Half of that leaves room for a busy one.
        assertTrue(median < 500, "capture to arrival, ms, per frame: " + ages);
    }
}
